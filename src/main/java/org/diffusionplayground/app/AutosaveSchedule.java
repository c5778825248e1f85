package org.diffusionplayground.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.preset.Autosave;
import org.diffusionplayground.preset.Preset;

/**
 * When the open scene is autosaved, and that the newest state is the one left on disk: the check runs a
 * quiet time after the last change and at least once a period; each write carries the number of the
 * change it saved, and a write older than the one already on disk is skipped (writes run as background
 * jobs on a pool, so an older one can finish after a newer one).
 */
final class AutosaveSchedule implements AutoCloseable {

    /** Quiet time after the last change before the scene is autosaved. */
    static final Duration DELAY = Duration.ofSeconds(2);
    /** Autosave at least this often while there are unsaved changes. */
    static final Duration PERIOD = Duration.ofSeconds(60);

    private final Jobs jobs;
    private final Autosave autosave;
    private final Runnable due;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "playground-autosave-timer");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> pending;
    /** The newest change whose write finished (UI thread). */
    private long saved;
    /** The change whose state is on disk (guarded by {@code lock}, written on the job threads). */
    private long written = -1;
    private final Object lock = new Object();

    /** @param due what checks whether to autosave; run on the UI executor */
    AutosaveSchedule(Jobs jobs, Autosave autosave, Runnable due) {
        this.jobs = jobs;
        this.autosave = autosave;
        this.due = due;
        timer.scheduleAtFixedRate(() -> jobs.ui().execute(due), PERIOD.toMillis(), PERIOD.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The scene changed: the check is due after the quiet time (a later change postpones it). */
    void changed() {
        if (pending != null) {
            pending.cancel(false);
        }
        if (!timer.isShutdown()) {
            pending = timer.schedule(() -> jobs.ui().execute(due), DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Whether change number {@code change} is newer than what was last written. */
    boolean behind(long change) {
        return change != saved;
    }

    /** The state of change number {@code change} is safe elsewhere (saved to its file): nothing to autosave. */
    void savedElsewhere(long change) {
        saved = change;
    }

    /** Writes the scene as of change number {@code change} in the background; {@code failed} hears why not. */
    void write(Preset preset, Checkpoint trainedHere, Path origin, long change, Consumer<Throwable> failed) {
        try {
            jobs.start((progress, cancel) -> {
                synchronized (lock) {
                    if (change < written) {
                        return written; // a newer state is already on disk
                    }
                    autosave.save(preset, trainedHere, origin);
                    written = change;
                }
                return change;
            }, new Jobs.Listener<>() {
                @Override
                public void succeeded(Long onDisk) {
                    saved = Math.max(saved, onDisk);
                }

                @Override
                public void failed(Throwable e) {
                    failed.accept(e);
                }
            });
        } catch (RejectedExecutionException closed) {
            timer.shutdownNow(); // the window is gone (its jobs are closed): nothing left to keep
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
