package org.diffusionplayground.app;

import java.util.List;
import java.util.Locale;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.reference.DensityFrame;
import org.diffusionplayground.model.reference.FokkerPlanckOptions;
import org.diffusionplayground.model.reference.FokkerPlanckResult;
import org.diffusionplayground.model.reference.FokkerPlanckSolver;
import org.diffusionplayground.model.reference.Region;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.render.Colormap;
import org.diffusionplayground.render.SceneLayers.ColorScale;
import org.diffusionplayground.render.SceneLayers.LegendEntry;
import org.diffusionplayground.render.SceneLayers.ScalarGrid;

/**
 * The model-density overlay (issue 5, "Overlays at time t"): the density q_t^𝔥 of the sampler at the
 * scene's 𝔥 and time, solved on a coarse Fokker–Planck grid in the background when switched on and
 * whenever the model, the data or 𝔥 change, and drawn as a heatmap under the particles. With a perfect
 * score it is the noised data distribution p_t; where it and the particles disagree, the sampler's noise
 * is doing something the ODE does not.
 */
public final class DensityViewModel {

    /** Density frames kept from T to t_min: the animation shows the nearest (≈ 8 changes per second). */
    static final int FRAMES = 48;
    /** Decades (in e-folds) of density shown below the peak; lower densities stay transparent. */
    static final double LOG_RANGE = 9;

    private final SceneViewModel scene;
    private final Jobs jobs;
    private final BooleanProperty show = new SimpleBooleanProperty(this, "show", false);
    private final ObjectProperty<FokkerPlanckOptions> gridOptions = new SimpleObjectProperty<>(this, "gridOptions",
            FokkerPlanckOptions.preview());
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    private Jobs.Job running;
    private FokkerPlanckResult.Marginal solved;
    private Inputs solvedFor;
    private ScalarGrid[] grids;
    private ColorScale scale;

    /** What a solution depends on. */
    private record Inputs(Schedule schedule, ScoreModel score, DataSet data, double h, FokkerPlanckOptions grid) {
    }

    public DensityViewModel(SceneViewModel scene, Jobs jobs) {
        this.scene = scene;
        this.jobs = jobs;
        for (Observable o : List.of(show, scene.scoreProperty(), scene.scheduleProperty(), scene.dataSetProperty(),
                scene.hProperty(), gridOptions)) {
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

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    private Inputs inputs() {
        return new Inputs(scene.scheduleProperty().get(), scene.scoreProperty().get(), scene.dataSetProperty().get(),
                scene.hProperty().get(), gridOptions.get());
    }

    private void refresh() {
        Inputs in = inputs();
        if (!show.get() || in.schedule() == null || in.score() == null || in.data() == null) {
            cancel();
            scene.rebuild();
            return;
        }
        if (in.equals(solvedFor) || running != null && in.equals(runningFor)) {
            scene.rebuild();
            return;
        }
        solve(in);
    }

    private Inputs runningFor;

    private void cancel() {
        if (running != null) {
            running.cancel();
            running = null;
            runningFor = null;
            busy.set(false);
            status.set("");
        }
    }

    private void solve(Inputs in) {
        cancel();
        busy.set(true);
        status.set(String.format(Locale.ROOT, "solving the Fokker–Planck equation for 𝔥 = %.2f …", in.h()));
        // the frame on screen was drawn for the old inputs: take its heatmap away now, not when samples arrive
        scene.rebuild();
        Region box = Region.around(in.data().points(), 0.05);
        Jobs.Job[] self = new Jobs.Job[1];
        runningFor = in;
        running = self[0] = jobs.start((progress, cancel) -> new FokkerPlanckSolver(in.schedule(), in.score(),
                        in.grid()).solve(box, new double[] {in.h()}, PointSet.of(new double[0]),
                        FRAMES, progress, cancel).marginal(in.h()),
                new Jobs.Listener<>() {
                    @Override
                    public void progress(double fraction, String message) {
                        status.set(String.format(Locale.ROOT, "Fokker–Planck grid for 𝔥 = %.2f: %.0f %%", in.h(),
                                100 * fraction));
                    }

                    @Override
                    public void succeeded(FokkerPlanckResult.Marginal m) {
                        if (running != self[0]) {
                            return;
                        }
                        running = null;
                        runningFor = null;
                        busy.set(false);
                        status.set("");
                        publish(in, m);
                    }

                    @Override
                    public void failed(Throwable e) {
                        if (running == self[0]) {
                            running = null;
                            runningFor = null;
                            busy.set(false);
                            status.set("density failed: " + Jobs.message(e));
                        }
                    }
                });
    }

    private void publish(Inputs in, FokkerPlanckResult.Marginal m) {
        solved = m;
        solvedFor = in;
        grids = new ScalarGrid[m.frames().size()];
        double peak = 0;
        for (DensityFrame f : m.frames()) {
            peak = Math.max(peak, f.max());
        }
        double top = Math.log(Math.max(peak, 1e-300));
        scale = new ColorScale(Colormap.INFERNO, top - LOG_RANGE, top,
                String.format(Locale.ROOT, "log density, 𝔥 = %.2f", in.h()));
        scene.rebuild();
    }

    /** The heatmap of the kept frame nearest to t (one grid per frame, made once: the scene caches by identity). */
    private ScalarGrid gridAt(double t) {
        List<DensityFrame> frames = solved.frames();
        int best = 0;
        for (int k = 1; k < frames.size(); k++) {
            if (Math.abs(frames.get(k).t() - t) < Math.abs(frames.get(best).t() - t)) {
                best = k;
            }
        }
        if (grids[best] == null) {
            DensityFrame f = frames.get(best);
            Region r = f.region();
            grids[best] = new ScalarGrid(r.minX(), r.maxX(), r.minY(), r.maxY(), f.n(), f.n(), f.values(),
                    "model density", true);
        }
        return grids[best];
    }

    /** Contributes the heatmap when it is on and solved for the current model and 𝔥 (pane 1 only). */
    public SceneOverlays overlay() {
        return (builder, legend, t, h) -> {
            if (show.get() && solved != null && inputs().equals(solvedFor) && h == solvedFor.h()) {
                builder.heatmap(gridAt(t), scale);
                legend.add("density of the sampler (grid)", Colormap.INFERNO.color(0.7), LegendEntry.Shape.BAR);
            }
        };
    }
}
