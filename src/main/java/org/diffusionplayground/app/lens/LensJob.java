package org.diffusionplayground.app.lens;

import java.util.function.Consumer;
import org.diffusionplayground.app.Jobs;

/**
 * The background work of one lens: the newest request wins (starting cancels the one before), and the
 * shared {@link LensStatus} line says what runs and what failed. Results arrive on the UI thread.
 */
final class LensJob {

    private final Jobs.Latest run;
    private final LensStatus status;
    private boolean enabled;

    LensJob(Jobs jobs, LensStatus status) {
        this.run = jobs.latest();
        this.status = status;
    }

    /**
     * Starts {@code body} in the background after cancelling the previous run.
     *
     * @param what     what the status line says while it runs ("entropy production of …")
     * @param progress called on the UI thread with the coalesced progress (may be null)
     */
    <T> void start(String what, Jobs.Body<T> body, Consumer<T> done, Runnable progress) {
        cancel();
        status.started(what);
        run.start(body, new Jobs.Listener<>() {
            @Override
            public void progress(double fraction, String message) {
                if (progress != null) {
                    progress.run();
                }
            }

            @Override
            public void succeeded(T result) {
                status.finished();
                done.accept(result);
            }

            @Override
            public void failed(Throwable e) {
                status.failed(what + " failed: " + Jobs.message(e));
            }

            @Override
            public void cancelled() {
                status.finished();
            }
        });
    }

    /** Whether the lens is switched on: its work only runs then. */
    boolean enabled() {
        return enabled;
    }

    /** Switches the lens: on runs {@code refresh} at once, off cancels what runs. */
    void setEnabled(boolean on, Runnable refresh) {
        enabled = on;
        if (on) {
            refresh.run();
        } else {
            cancel();
        }
    }

    void cancel() {
        if (run.cancel()) {
            status.finished();
        }
    }
}
