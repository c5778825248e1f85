package org.diffusionplayground.app;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.ProgressListener;

/**
 * Runs long work (sampling, likelihoods, grid solves, exports) off the UI thread with progress and
 * cancel, and hands results back on the UI executor ({@code Platform::runLater} in the app, a direct
 * executor in view-model tests). Progress reports are coalesced: at most one UI update is queued per
 * job at a time, so a fast loop cannot flood the FX thread.
 */
public final class Jobs implements AutoCloseable {

    /** The work itself: runs on a worker thread, polls {@code cancel}, reports to {@code progress}. */
    @FunctionalInterface
    public interface Body<T> {
        T run(ProgressListener progress, Cancellation cancel) throws Exception;
    }

    /** Progress and outcome, delivered on the UI executor. */
    public interface Listener<T> {
        default void progress(double fraction, String message) {
        }

        void succeeded(T result);

        default void failed(Throwable error) {
        }

        default void cancelled() {
        }
    }

    private final ExecutorService workers;
    private final Executor ui;

    public Jobs(Executor ui, int threads) {
        this.ui = ui;
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "playground-job");
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
    }

    public Executor ui() {
        return ui;
    }

    public <T> Job start(Body<T> body, Listener<T> listener) {
        Job job = new Job();
        run(job, body, listener);
        return job;
    }

    /** A slot for work where the newest request wins: see {@link Latest}. */
    public Latest latest() {
        return new Latest(this);
    }

    private <T> void run(Job job, Body<T> body, Listener<T> listener) {
        AtomicReference<double[]> latest = new AtomicReference<>();
        AtomicReference<String> latestMessage = new AtomicReference<>("");
        AtomicBoolean queued = new AtomicBoolean();
        ProgressListener progress = (fraction, message) -> {
            latest.set(new double[] {fraction});
            latestMessage.set(message);
            if (queued.compareAndSet(false, true)) {
                ui.execute(() -> {
                    queued.set(false);
                    if (!job.isCancelled()) {
                        listener.progress(latest.get()[0], latestMessage.get());
                    }
                });
            }
        };
        if (workers.isShutdown()) {
            job.cancel(); // the app is closing (an event queued before it closed asked for new work)
            return;
        }
        workers.execute(() -> {
            try {
                job.check();
                T result = body.run(progress, job);
                job.check();
                ui.execute(() -> {
                    job.done = true;
                    if (job.isCancelled()) {
                        listener.cancelled();
                    } else {
                        listener.succeeded(result);
                    }
                });
            } catch (CancellationException e) {
                ui.execute(() -> {
                    job.done = true;
                    listener.cancelled();
                });
            } catch (Throwable e) {
                ui.execute(() -> {
                    job.done = true;
                    listener.failed(e);
                });
            }
        });
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    /**
     * One computation that is redone whenever its inputs change: starting a run cancels the one before,
     * and only the newest run reports back (its progress and outcome), so a result computed for old
     * inputs never reaches the screen. Used from the UI thread only, like the listeners it calls.
     */
    public static final class Latest {
        private final Jobs jobs;
        private Job current;

        private Latest(Jobs jobs) {
            this.jobs = jobs;
        }

        /** Cancels the running job, if any, and starts {@code body}; {@code listener} hears only this run. */
        public <T> Job start(Body<T> body, Listener<T> listener) {
            cancel();
            Job job = new Job();
            current = job;
            jobs.run(job, body, new Listener<T>() {
                @Override
                public void progress(double fraction, String message) {
                    if (current == job) {
                        listener.progress(fraction, message);
                    }
                }

                @Override
                public void succeeded(T result) {
                    if (finish(job)) {
                        listener.succeeded(result);
                    }
                }

                @Override
                public void failed(Throwable error) {
                    if (finish(job)) {
                        listener.failed(error);
                    }
                }

                @Override
                public void cancelled() {
                    if (finish(job)) {
                        listener.cancelled();
                    }
                }
            });
            return job;
        }

        private boolean finish(Job job) {
            if (current != job) {
                return false;
            }
            current = null;
            return true;
        }

        /** Whether a run is going whose outcome is still to come. */
        public boolean isRunning() {
            return current != null;
        }

        /** Cancels the running job; its listener hears nothing more. Returns whether one was running. */
        public boolean cancel() {
            if (current == null) {
                return false;
            }
            current.cancel();
            current = null;
            return true;
        }
    }

    /** A handle to cancel a running job; the body sees it as its Cancellation. */
    public static final class Job implements Cancellation {
        private volatile boolean cancelled;
        private volatile boolean done;

        public void cancel() {
            cancelled = true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        public boolean isDone() {
            return done;
        }
    }

    /** A user-facing one-line message for an exception (no stack traces in dialogs). */
    public static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (t instanceof OutOfMemoryError) {
            return "out of memory — try fewer particles or a coarser grid";
        }
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** Runs on the UI executor and reports nothing: for fire-and-forget callers. */
    public static <T> Listener<T> onSuccess(Consumer<T> consumer) {
        return consumer::accept;
    }
}
