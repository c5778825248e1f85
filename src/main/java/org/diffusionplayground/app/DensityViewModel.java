package org.diffusionplayground.app;

import java.util.List;
import java.util.Locale;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.reference.FokkerPlanckOptions;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.Guidance;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.scene.DensityLayer;
import org.diffusionplayground.scene.SceneOverlays;

/**
 * The model-density overlay: the density q_t^𝔥 of the sampler at the
 * scene's 𝔥 and time, solved on a coarse Fokker–Planck grid in the background when switched on and
 * whenever the model, the data or 𝔥 change, and drawn as a heatmap under the particles. With a perfect
 * score it is the noised data distribution p_t; where it and the particles disagree, the sampler's noise
 * is doing something the ODE does not.
 */
public final class DensityViewModel {

    private final SceneViewModel scene;
    private final BooleanProperty show = new SimpleBooleanProperty(this, "show", false);
    private final ObjectProperty<FokkerPlanckOptions> gridOptions = new SimpleObjectProperty<>(this, "gridOptions",
            FokkerPlanckOptions.preview());
    private final Activity activity = new Activity(this);

    private final Jobs.Latest solving;
    private Inputs solvingFor;
    private DensityLayer solved;
    private Inputs solvedFor;

    /** What a solution depends on. */
    /** What a grid is solved for: the model, its guidance (the score the sampler follows), data, 𝔥, grid. */
    private record Inputs(Schedule schedule, ScoreModel score, Guidance guidance, DataSet data, double h,
            FokkerPlanckOptions grid) {
    }

    public DensityViewModel(SceneViewModel scene, Jobs jobs) {
        this.scene = scene;
        this.solving = jobs.latest();
        for (Observable o : List.of(show, scene.scoreProperty(), scene.scheduleProperty(), scene.dataSetProperty(),
                scene.hProperty(), scene.guidanceLabelProperty(), scene.guidanceScaleProperty(), gridOptions)) {
            o.addListener(x -> refresh());
        }
    }

    /** Draw the heatmap (and solve for it when needed). */
    public BooleanProperty showProperty() {
        return show;
    }

    /** Resolution of the grid (default: the solver's preview, at most 256²). */
    public ObjectProperty<FokkerPlanckOptions> gridOptionsProperty() {
        return gridOptions;
    }

    /** Whether a grid is being solved, and its progress or failure in the status line. */
    public Activity activity() {
        return activity;
    }

    private Inputs inputs() {
        return new Inputs(scene.scheduleProperty().get(), scene.scoreProperty().get(),
                scene.state().sampler().guidance(), scene.dataSetProperty().get(), scene.hProperty().get(),
                gridOptions.get());
    }

    private void refresh() {
        Inputs in = inputs();
        if (!show.get() || in.schedule() == null || in.score() == null || in.data() == null) {
            cancel();
            scene.rebuild();
            return;
        }
        if (in.equals(solvedFor) || solving.isRunning() && in.equals(solvingFor)) {
            scene.rebuild();
            return;
        }
        solve(in);
    }

    private void cancel() {
        if (solving.cancel()) {
            activity.busy(false);
            activity.status("");
        }
    }

    private void solve(Inputs in) {
        activity.busy(true);
        activity.status(String.format(Locale.ROOT, "solving the Fokker–Planck equation for 𝔥 = %.2f …", in.h()));
        solvingFor = in;
        // the density of what the particles follow: the guided score when a class is asked for (docs/MATH.md §8)
        solving.start((progress, cancel) -> DensityLayer.solve(in.schedule(), in.guidance().apply(in.score()),
                in.data(), in.h(), in.grid(), progress, cancel), new Jobs.Listener<>() {
                    @Override
                    public void progress(double fraction, String message) {
                        activity.status(String.format(Locale.ROOT, "Fokker–Planck grid for 𝔥 = %.2f: %.0f %%",
                                in.h(), 100 * fraction));
                    }

                    @Override
                    public void succeeded(DensityLayer m) {
                        activity.busy(false);
                        activity.status("");
                        publish(in, m);
                    }

                    @Override
                    public void failed(Throwable e) {
                        activity.busy(false);
                        activity.status("density failed: " + Jobs.message(e));
                    }
                });
        // the frame on screen was drawn for the old inputs: take its heatmap away now, not when samples arrive
        scene.rebuild();
    }

    private void publish(Inputs in, DensityLayer layer) {
        solved = layer;
        solvedFor = in;
        scene.rebuild();
    }

    /** Contributes the heatmap when it is on and solved for the current model and 𝔥. */
    public SceneOverlays overlay() {
        return (builder, legend, t, h) -> {
            if (show.get() && solved != null && inputs().equals(solvedFor)) {
                solved.contribute(builder, legend, t, h);
            }
        };
    }

    /**
     * The heatmap as it is now, for a video drawn in the background: the solution for the current model
     * and 𝔥 when the heatmap is on and solved for them, else nothing. Called on the UI thread; the layer
     * reads no property afterwards.
     */
    public SceneOverlays frozenOverlay() {
        return show.get() && solved != null && inputs().equals(solvedFor) ? solved.copy() : SceneOverlays.NONE;
    }
}
