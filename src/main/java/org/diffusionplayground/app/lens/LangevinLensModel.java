package org.diffusionplayground.app.lens;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.diffusionplayground.app.Jobs;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.sampling.SampledPaths;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.scene.SceneOverlays;
import org.diffusionplayground.scene.lens.LangevinComparison;

/**
 * The Langevin lens's settings and its chain (MATH.md §7.1): the fixed noise level t, the step size as a
 * multiple of σ_t² (so one setting means the same at every t and schedule), the number of moves; the
 * chain runs in the background whenever an input changes, from the scene's own prior draws.
 */
public final class LangevinLensModel {

    /** Largest step-size ratio η/σ_t² offered: beyond 2 the chain is far from p_t even on one Gaussian. */
    public static final double MAX_RATIO = 2.0;
    public static final double MIN_RATIO = 0.01;
    public static final int MAX_MOVES = 20_000;

    private final SceneViewModel scene;
    private final LensJob job;
    private final DoubleProperty time = new SimpleDoubleProperty(this, "time", Double.NaN);
    private final DoubleProperty stepRatio = new SimpleDoubleProperty(this, "stepRatio",
            LangevinComparison.DEFAULT_STEP_RATIO);
    private final IntegerProperty moves = new SimpleIntegerProperty(this, "moves", LangevinComparison.DEFAULT_MOVES);
    private final ReadOnlyObjectWrapper<LangevinComparison> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyDoubleWrapper annealedError = new ReadOnlyDoubleWrapper(this, "annealedError", Double.NaN);
    private final ReadOnlyObjectWrapper<double[]> annealedOccupancy = new ReadOnlyObjectWrapper<>(this,
            "annealedOccupancy");

    LangevinLensModel(SceneViewModel scene, Jobs jobs, LensStatus status) {
        this.scene = scene;
        this.job = new LensJob(jobs, status);
        scene.scheduleProperty().addListener((o, was, now) -> {
            time.set(now == null ? Double.NaN : now.tMin());
        });
        Schedule s = scene.scheduleProperty().get();
        time.set(s == null ? Double.NaN : s.tMin());
        for (javafx.beans.Observable o : java.util.List.of(time, stepRatio, moves, scene.dataSetProperty(),
                scene.scoreProperty(), scene.particlesProperty(), scene.seedProperty())) {
            o.addListener(x -> refresh());
        }
        // a run is shown while it samples and stays the same object when done: watch busy as well
        scene.pathsProperty().addListener((o, was, now) -> updateAnnealedError());
        scene.busyProperty().addListener((o, was, now) -> updateAnnealedError());
    }

    /** The fixed noise level t (defaults to the schedule's t_min). */
    public DoubleProperty timeProperty() {
        return time;
    }

    /** η / σ_t². */
    public DoubleProperty stepRatioProperty() {
        return stepRatio;
    }

    public IntegerProperty movesProperty() {
        return moves;
    }

    public ReadOnlyObjectProperty<LangevinComparison> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** Total-variation error of the annealed sampler's mode proportions (NaN without a mixture). */
    public ReadOnlyDoubleProperty annealedErrorProperty() {
        return annealedError.getReadOnlyProperty();
    }

    /** Fraction of the annealed sampler's particles in each mode at t_min (null without a mixture). */
    public ReadOnlyObjectProperty<double[]> annealedOccupancyProperty() {
        return annealedOccupancy.getReadOnlyProperty();
    }

    /** The data mixture's weights (null when the data is not a mixture). */
    public double[] weights() {
        MixtureScore m = mixture();
        return m == null ? null : m.mixture().weights().clone();
    }

    /** The data mixture's component means, interleaved (null when the data is not a mixture). */
    public double[] means() {
        MixtureScore m = mixture();
        return m == null ? null : m.mixture().means().clone();
    }

    /** η at the current settings. */
    public double stepSize() {
        Schedule s = scene.scheduleProperty().get();
        return s == null ? Double.NaN : stepRatio.get() * s.variance(time.get());
    }

    void setEnabled(boolean on) {
        job.setEnabled(on, () -> {
            refresh();
            updateAnnealedError();
        });
    }

    private MixtureScore mixture() {
        DataSet d = scene.dataSetProperty().get();
        Schedule s = scene.scheduleProperty().get();
        return d == null || s == null || d.mixture().isEmpty() ? null : scene.exactScore(d, s);
    }

    private void updateAnnealedError() {
        SampledPaths run = scene.pathsProperty().get();
        MixtureScore m = mixture();
        if (!job.enabled() || run == null || !run.complete() || m == null) {
            annealedOccupancy.set(null);
            annealedError.set(Double.NaN);
            return;
        }
        double[] occ = LangevinComparison.annealedOccupancy(m, run.finalPositions(), run.particles());
        annealedOccupancy.set(java.util.Arrays.copyOf(occ, occ.length - 1));
        annealedError.set(occ[occ.length - 1]);
    }

    private void refresh() {
        if (!job.enabled()) {
            return;
        }
        job.cancel();
        Schedule s = scene.scheduleProperty().get();
        ScoreModel score = scene.scoreProperty().get();
        if (s == null || score == null || !Double.isFinite(time.get())) {
            result.set(null);
            return;
        }
        double t = Math.max(s.tMin(), Math.min(s.tMax(), time.get()));
        double ratio = Math.max(MIN_RATIO, Math.min(MAX_RATIO, stepRatio.get()));
        double eta = ratio * s.variance(t);
        int n = scene.particlesProperty().get();
        int k = Math.max(1, Math.min(MAX_MOVES, moves.get()));
        long seed = scene.seedProperty().get();
        MixtureScore m = mixture();
        job.start("Langevin chain: " + k + " moves at t = " + String.format(java.util.Locale.ROOT, "%.3f", t),
                (p, cancel) -> LangevinComparison.run(s, score, m, t, eta, n, k, seed, cancel), r -> {
                    result.set(r);
                    scene.rebuild();
                }, null);
    }

    /** The chain's particles on the scene, when there is a chain. */
    SceneOverlays overlay() {
        return (b, legend, t, h) -> {
            LangevinComparison r = result.get();
            Schedule s = scene.scheduleProperty().get();
            if (r != null && s != null) {
                r.overlay(s).contribute(b, legend, t, h);
            }
        };
    }
}
