package org.diffusionplayground.app;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.likelihood.FirstOrderLine;
import org.diffusionplayground.model.likelihood.LikelihoodOptions;
import org.diffusionplayground.model.likelihood.LikelihoodResult;
import org.diffusionplayground.model.likelihood.WkbLikelihood;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.render.Colormap;
import org.diffusionplayground.render.SceneLayers.ColorScale;
import org.diffusionplayground.render.SceneLayers.LegendEntry;

/**
 * The likelihood panel's logic: NLL versus 𝔥 for the scene's model on held-out points — the PF-ODE
 * NLL at 𝔥 = 0 and the first-order (WKB) line NLL(0) − 𝔥·E[C] with its error band (MATH.md §4–§5) — and
 * the per-point coefficient C(x₀) as a colour map on the scene. Recomputed in the background when the
 * model, the data or the tolerance changes (newest request wins, the older one is cancelled), waiting
 * while a training run is going or the scene is still sampling, so the animation keeps the CPU first.
 */
public final class LikelihoodViewModel {

    /** Tolerances offered (rtol = atol): the seed's table uses 1e-3 and 1e-5. */
    public static final List<Double> TOLERANCES = List.of(1e-3, 1e-4, 1e-5);
    public static final int MIN_POINTS = 10;
    public static final int MAX_POINTS = 5_000;
    /** Seed of the held-out draw (the training data uses the data set's own seed). */
    static final long HELD_OUT_SEED = 1;
    /** The colour map of C saturates at this quantile of |C|: a few extreme points do not wash it out. */
    private static final double MAP_QUANTILE = 0.95;

    private final SceneViewModel scene;
    private final Jobs jobs;

    private final DoubleProperty tolerance = new SimpleDoubleProperty(this, "tolerance", 1e-3);
    private final IntegerProperty points = new SimpleIntegerProperty(this, "points", 500);
    private final BooleanProperty auto = new SimpleBooleanProperty(this, "auto", true);
    private final BooleanProperty suspended = new SimpleBooleanProperty(this, "suspended", false);
    private final BooleanProperty showCorrectionMap = new SimpleBooleanProperty(this, "showCorrectionMap", false);

    private final ReadOnlyObjectWrapper<LikelihoodResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<FirstOrderLine> line = new ReadOnlyObjectWrapper<>(this, "line");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(this, "stale", true);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    private Jobs.Job running;
    private boolean waitingForScene;
    private boolean autoCheckQueued;
    private CorrectionMap map;

    public LikelihoodViewModel(SceneViewModel scene, Jobs jobs) {
        this.scene = scene;
        this.jobs = jobs;
        for (Observable o : List.of(scene.scoreProperty(), scene.scheduleProperty(), scene.dataSetProperty(),
                tolerance, points)) {
            o.addListener(x -> inputsChanged());
        }
        suspended.addListener((obs, was, now) -> {
            if (!now) {
                maybeAutoCompute();
            }
        });
        auto.addListener((obs, was, now) -> maybeAutoCompute());
        scene.busyProperty().addListener((obs, was, now) -> {
            if (!now && waitingForScene) {
                waitingForScene = false;
                maybeAutoCompute();
            }
        });
        showCorrectionMap.addListener(x -> scene.rebuild());
    }

    // ---- properties ----------------------------------------------------------------------------

    /** rtol = atol of the adaptive solver (MATH.md §4). */
    public DoubleProperty toleranceProperty() {
        return tolerance;
    }

    /** Held-out points evaluated (the data itself for imported or drawn data). */
    public IntegerProperty pointsProperty() {
        return points;
    }

    /** Recompute by itself when the model, the data or the tolerance changes. */
    public BooleanProperty autoProperty() {
        return auto;
    }

    /** While true (a training run is going) nothing is recomputed by itself. */
    public BooleanProperty suspendedProperty() {
        return suspended;
    }

    /** Colour the evaluated points on the scene by C(x₀). */
    public BooleanProperty showCorrectionMapProperty() {
        return showCorrectionMap;
    }

    public ReadOnlyObjectProperty<LikelihoodResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<FirstOrderLine> lineProperty() {
        return line.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True when the shown result (if any) is not for the current model, data and tolerance. */
    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    // ---- validated setters ---------------------------------------------------------------------

    /** Sets the tolerance; returns an error message (and changes nothing) when it is out of range. */
    public String requestTolerance(double tol) {
        if (!(tol >= 1e-8 && tol <= 0.1)) {
            String problem = "the tolerance must be between 1e-8 and 0.1";
            error.set(problem);
            return problem;
        }
        tolerance.set(tol);
        return null;
    }

    /** Sets the number of points, clamped to [MIN_POINTS, MAX_POINTS] with a message when clamped. */
    public void requestPoints(int n) {
        int clamped = Math.max(MIN_POINTS, Math.min(MAX_POINTS, n));
        if (clamped != n) {
            error.set("points must be between " + MIN_POINTS + " and " + MAX_POINTS + "; using " + clamped);
        }
        points.set(clamped);
    }

    // ---- computing -----------------------------------------------------------------------------

    private void inputsChanged() {
        stale.set(true);
        if (running != null) {
            running.cancel();
            running = null;
            busy.set(false);
        }
        maybeAutoCompute();
    }

    private void maybeAutoCompute() {
        if (autoCheckQueued) {
            return;
        }
        // decided after the events queued so far: a model change has the scene start sampling first
        autoCheckQueued = true;
        jobs.ui().execute(() -> {
            autoCheckQueued = false;
            autoCompute();
        });
    }

    private void autoCompute() {
        if (!auto.get() || !stale.get() || suspended.get() || busy.get() || !ready()) {
            return;
        }
        if (scene.busyProperty().get()) {
            waitingForScene = true; // sampling first: it is what the audience is looking at
            return;
        }
        compute();
    }

    private boolean ready() {
        return scene.scoreProperty().get() != null && scene.scheduleProperty().get() != null
                && scene.dataSetProperty().get() != null;
    }

    /** Starts the computation for the current model now (cancelling a running one). */
    public boolean compute() {
        if (!ready()) {
            error.set("train or load a model first");
            return false;
        }
        if (running != null) {
            running.cancel();
        }
        Schedule schedule = scene.scheduleProperty().get();
        ScoreModel score = scene.scoreProperty().get();
        DataSet data = scene.dataSetProperty().get();
        LikelihoodOptions options;
        try {
            options = LikelihoodOptions.of(tolerance.get());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return false;
        }
        int n = points.get();
        PointSet evaluated = data.heldOut(n, HELD_OUT_SEED);
        double tol = tolerance.get();
        error.set("");
        busy.set(true);
        progress.set(0);
        status.set(String.format(Locale.ROOT, "computing NLL and C for %d %s points at tol %.0e …", evaluated.size(),
                data.hasGenerator() ? "held-out" : "data", tol));
        Jobs.Job[] self = new Jobs.Job[1];
        running = self[0] = jobs.start(
                (prog, cancel) -> new WkbLikelihood(schedule, score, options).withCorrection(evaluated, prog, cancel),
                new Jobs.Listener<>() {
                    @Override
                    public void progress(double fraction, String message) {
                        progress.set(fraction);
                        status.set(message);
                    }

                    @Override
                    public void succeeded(LikelihoodResult r) {
                        if (running != self[0]) {
                            return;
                        }
                        running = null;
                        busy.set(false);
                        progress.set(1);
                        publish(r, tol, data.hasGenerator());
                    }

                    @Override
                    public void failed(Throwable e) {
                        if (running != self[0]) {
                            return;
                        }
                        running = null;
                        busy.set(false);
                        status.set("");
                        error.set("likelihood failed: " + Jobs.message(e));
                    }

                    @Override
                    public void cancelled() {
                        if (running == self[0]) {
                            running = null;
                            busy.set(false);
                            status.set("cancelled");
                        }
                    }
                });
        return true;
    }

    /** Cancels a running computation; the last finished result stays on the chart. */
    public void cancel() {
        if (running != null) {
            running.cancel();
            running = null;
            busy.set(false);
            status.set("cancelled");
        }
    }

    private void publish(LikelihoodResult r, double tol, boolean heldOut) {
        try {
            FirstOrderLine l = FirstOrderLine.of(r);
            map = CorrectionMap.of(r);
            result.set(r);
            line.set(l);
            stale.set(false);
            status.set(String.format(Locale.ROOT, "%d %s points, tol %.0e, %.1f s%s", l.count(),
                    heldOut ? "held-out" : "data", tol, r.seconds(),
                    r.failures() > 0 ? ", " + r.failures() + " failed and left out" : ""));
            if (showCorrectionMap.get()) {
                scene.rebuild();
            }
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            status.set("");
        }
    }

    // ---- the C(x₀) map -------------------------------------------------------------------------

    /** Colours the evaluated points on the scene by C(x₀) when the map is switched on. */
    public SceneOverlays overlay() {
        return (builder, legend, t, h) -> {
            CorrectionMap m = map;
            if (showCorrectionMap.get() && m != null && !stale.get()) {
                // the map replaces the samples: they would cover the coloured points
                builder.data(m.points(), m.rgb(), m.scale());
                builder.particles(null, 0);
                builder.trailsCleared();
                builder.title("First-order coefficient C(x₀) per held-out point");
                legend.remove(LegendEntry.Role.DATA);
                legend.remove(LegendEntry.Role.PARTICLES);
                legend.remove(LegendEntry.Role.TRAIL);
                legend.add("C > 0: likelier with noise", ORANGE_PURPLE_HIGH, LegendEntry.Shape.DOT);
                legend.add("C < 0: less likely", ORANGE_PURPLE_LOW, LegendEntry.Shape.DOT);
            }
        };
    }

    private static final java.awt.Color ORANGE_PURPLE_HIGH = Colormap.ORANGE_PURPLE.color(0.95);
    private static final java.awt.Color ORANGE_PURPLE_LOW = Colormap.ORANGE_PURPLE.color(0.05);

    /** The evaluated points that succeeded, with their colours under a diverging map symmetric about 0. */
    record CorrectionMap(PointSet points, int[] rgb, ColorScale scale) {

        static CorrectionMap of(LikelihoodResult r) {
            int n = r.size() - r.failures();
            double[] xy = new double[2 * n];
            double[] c = new double[n];
            int k = 0;
            for (int i = 0; i < r.size(); i++) {
                if (r.ok(i)) {
                    xy[2 * k] = r.points().x(i);
                    xy[2 * k + 1] = r.points().y(i);
                    c[k++] = r.correction()[i];
                }
            }
            double[] abs = new double[n];
            for (int i = 0; i < n; i++) {
                abs[i] = Math.abs(c[i]);
            }
            Arrays.sort(abs);
            double max = n == 0 ? 1 : abs[Math.min(n - 1, (int) Math.floor(MAP_QUANTILE * (n - 1)))];
            if (!(max > 0)) {
                max = 1;
            }
            int[] rgb = new int[n];
            for (int i = 0; i < n; i++) {
                rgb[i] = Colormap.ORANGE_PURPLE.rgb(0.5 + c[i] / (2 * max));
            }
            return new CorrectionMap(PointSet.of(xy), rgb, new ColorScale(Colormap.ORANGE_PURPLE, -max, max,
                    "C(x₀)  (log q₀ gains 𝔥·C)"));
        }
    }
}
