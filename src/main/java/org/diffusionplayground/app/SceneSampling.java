package org.diffusionplayground.app;

import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.diffusionplayground.model.sampling.SampledPaths;
import org.diffusionplayground.scene.SceneComposer;
import org.diffusionplayground.scene.SceneState;

/**
 * The scene's sampling in the background: one run per pane of the split view, each started afresh for
 * new inputs (the newest inputs win; {@link Jobs.Latest}), with progress and failures in the scene's
 * {@link Activity}. With nothing on screen yet, the first pane's run is shown while it fills in.
 */
final class SceneSampling {

    private final Jobs jobs;
    private final Activity activity;
    private final Runnable redraw;
    private final Jobs.Latest first;
    private final Jobs.Latest second;
    private final ReadOnlyObjectWrapper<SampledPaths> paths = new ReadOnlyObjectWrapper<>(this, "paths");
    private SampledPaths secondPaths;

    /** @param redraw called on the UI thread whenever a pane's run changed */
    SceneSampling(Jobs jobs, Activity activity, Runnable redraw) {
        this.jobs = jobs;
        this.activity = activity;
        this.redraw = redraw;
        this.first = jobs.latest();
        this.second = jobs.latest();
    }

    /** The first pane's run (null before the first one, or without a model). */
    ReadOnlyObjectProperty<SampledPaths> pathsProperty() {
        return paths.getReadOnlyProperty();
    }

    SampledPaths secondPaths() {
        return secondPaths;
    }

    /** Samples {@code state} (both panes when it is split), cancelling the runs for older inputs. */
    void resample(SceneState state) {
        first.cancel();
        second.cancel();
        if (state.score() == null || state.schedule() == null) {
            activity.busy(false);
            paths.set(null);
            secondPaths = null;
            redraw.run();
            return;
        }
        activity.busy(true);
        activity.status("sampling " + state.sampler().particles() + " particles at 𝔥 = "
                + SceneComposer.format(state.sampler().h()) + " …");
        start(first, state, false, result -> {
            // a run shown while it sampled (below) is this same object, now complete; a property does not
            // fire when set to the value it holds, so clear it first: whoever waits for the finished run
            // (the live training view, the lenses) hears of it
            if (paths.get() == result) {
                paths.set(null);
            }
            paths.set(result);
            activity.busy(second.isRunning());
            int failed = result.diverged();
            activity.status(failed == 0 ? "" : failed + " of " + result.particles()
                    + " particles failed (the score gave NaN or ∞, or the solver gave up)");
            redraw.run();
        }, live -> {
            // with nothing on screen yet (app start, first model) animate the run while it samples
            if (paths.get() == null) {
                paths.set(live);
                redraw.run();
            }
        });
        if (state.split()) {
            start(second, state, true, result -> {
                secondPaths = result;
                activity.busy(first.isRunning());
                redraw.run();
            }, null);
        } else {
            secondPaths = null;
        }
    }

    /** @param live gets the run on the UI thread as soon as it starts (null: only when done) */
    private void start(Jobs.Latest slot, SceneState state, boolean secondPane, Consumer<SampledPaths> done,
            Consumer<SampledPaths> live) {
        slot.start((progress, cancel) -> SceneComposer.sample(state, secondPane, SceneComposer.FRAMES, progress,
                cancel, live == null ? null : run -> jobs.ui().execute(() -> {
                    if (!cancel.isCancelled()) {
                        live.accept(run);
                    }
                })), new Jobs.Listener<>() {
                    @Override
                    public void progress(double fraction, String message) {
                        activity.progress(fraction);
                    }

                    @Override
                    public void succeeded(SampledPaths result) {
                        done.accept(result);
                    }

                    @Override
                    public void failed(Throwable e) {
                        activity.busy(false);
                        activity.status("");
                        activity.error("sampling failed: " + Jobs.message(e));
                    }
                });
    }
}
