package org.diffusionplayground.app;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.evaluation.ModelStudy;
import org.diffusionplayground.model.likelihood.FirstOrderLine;
import org.diffusionplayground.model.likelihood.LikelihoodOptions;
import org.diffusionplayground.model.likelihood.LikelihoodResult;
import org.diffusionplayground.model.likelihood.PointLikelihood;
import org.diffusionplayground.model.likelihood.WkbLikelihood;
import org.diffusionplayground.model.metrics.SampleQuality;
import org.diffusionplayground.model.metrics.Wasserstein;
import org.diffusionplayground.model.reference.FokkerPlanckOptions;
import org.diffusionplayground.model.reference.FokkerPlanckResult;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.ProgressListener;
import org.diffusionplayground.render.Colormap;
import org.diffusionplayground.render.SceneLayers.ColorScale;
import org.diffusionplayground.render.SceneLayers.LegendEntry;
import org.diffusionplayground.scene.PointLikelihoodView;
import org.diffusionplayground.scene.SceneOverlays;
import org.diffusionplayground.scene.SolverChoice;

/**
 * The likelihood panel's logic: NLL versus 𝔥 for the scene's model on held-out points — the PF-ODE
 * NLL at 𝔥 = 0 and the first-order (WKB) line NLL(0) − 𝔥·E[C] with its error band (MATH.md §4–§5) — and
 * the per-point coefficient C(x₀) as a colour map on the scene; and one clicked point explained: its NLL, C(x₀)
 * and |∇ log q₀|, and its PF-ODE path drawn on the scene with ∇ log q_t along it. Recomputed in the background when the
 * model, the data or the tolerance changes (newest request wins, the older one is cancelled), waiting
 * while a training run is going or the scene is still sampling, so the animation keeps the CPU first.
 */
public final class LikelihoodViewModel {

    /** Tolerances offered (rtol = atol): the paper's table uses 1e-3 and 1e-5. */
    public static final List<Double> TOLERANCES = List.of(1e-3, 1e-4, 1e-5);
    public static final int MIN_POINTS = 10;
    public static final int MAX_POINTS = 5_000;
    /** Seed of the held-out draw (the training data uses the data set's own seed). */
    static final long HELD_OUT_SEED = 1;
    /** 𝔥 values of the W2 chart: the slider's range in the slider's own steps. */
    public static final double[] W2_HS = {0, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3};
    /**
     * 𝔥 values of the exact curve: the W2 values plus a log-spaced run near 0, because that is where the
     * first-order line is a statement at all. On the bundled swiss roll (SIMPLE, 1 000 points, `playground
     * curve`, docs/results.md) the exact NLL(𝔥) follows NLL(0) − 𝔥·E[C] only up to 𝔥 ≈ 0.003 and then bends
     * away (1.3868 at 0, 1.3852 at 0.003, 1.3831 at 0.01, 1.3784 at 0.1, 1.3714 at 1, against a line that
     * reaches 0.66 at 1):
     * without these points the chart would show the tangent and the curve but never where they touch.
     */
    public static final double[] CURVE_HS = {0, 0.003, 0.01, 0.03, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3};
    /**
     * Grid of the exact curve: the solver's preview resolution (128² refined up to 256²) with its error estimate.
     * On the bundled swiss roll (SIMPLE, 500 points) its NLL(𝔥) at 𝔥 = 0 … 3 agreed with the 512² solve within
     * 1.5e-4 nats, inside its own error bars (2e-4 … 1e-3, docs/results.md); the defaults (up to 512²) are for
     * the table, not for a panel that recomputes while the user watches.
     */
    static final FokkerPlanckOptions EXACT_GRID = FokkerPlanckOptions.preview();
    /** Samples (and held-out points) per W2: the exact assignment is O(n³), 1 000 keeps it to a second. */
    static final int W2_POINTS = 1_000;
    /** Seed of the W2 reference draw (i.i.d., another draw than the likelihood's held-out points). */
    static final long W2_SEED = 2;
    /** The colour map of C saturates at this quantile of |C|: a few extreme points do not wash it out. */
    private static final double MAP_QUANTILE = 0.95;

    private final SceneViewModel scene;
    private final Jobs jobs;

    private final DoubleProperty tolerance = new SimpleDoubleProperty(this, "tolerance", 1e-3);
    private final IntegerProperty points = new SimpleIntegerProperty(this, "points", 500);
    private final BooleanProperty auto = new SimpleBooleanProperty(this, "auto", true);
    private final BooleanProperty suspended = new SimpleBooleanProperty(this, "suspended", false);
    private final BooleanProperty showCorrectionMap = new SimpleBooleanProperty(this, "showCorrectionMap", false);
    private final BooleanProperty exactCurve = new SimpleBooleanProperty(this, "exactCurve", true);
    private final ObjectProperty<FokkerPlanckOptions> gridOptions = new SimpleObjectProperty<>(this, "gridOptions",
            EXACT_GRID);
    private final IntegerProperty w2Points = new SimpleIntegerProperty(this, "w2Points", W2_POINTS);

    private final ReadOnlyObjectWrapper<LikelihoodResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<FirstOrderLine> line = new ReadOnlyObjectWrapper<>(this, "line");
    private final ReadOnlyObjectWrapper<FokkerPlanckResult> exact = new ReadOnlyObjectWrapper<>(this, "exact");
    private final ReadOnlyObjectWrapper<double[][]> w2 = new ReadOnlyObjectWrapper<>(this, "w2");
    private final ReadOnlyObjectWrapper<SampleQuality.Floor> w2Floor = new ReadOnlyObjectWrapper<>(this, "w2Floor",
            SampleQuality.Floor.NONE);
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(this, "stale", true);
    private final Activity activity = new Activity(this);

    private final Jobs.Latest computing;
    private final BooleanProperty pick = new SimpleBooleanProperty(this, "pick", false);
    private final ReadOnlyObjectWrapper<PointLikelihood> point = new ReadOnlyObjectWrapper<>(this, "point");
    private final ReadOnlyStringWrapper pointText = new ReadOnlyStringWrapper(this, "pointText", "");
    private final Jobs.Latest explaining;
    private boolean waitingForScene;
    private boolean autoCheckQueued;
    private CorrectionMap map;

    public LikelihoodViewModel(SceneViewModel scene, Jobs jobs) {
        this.scene = scene;
        this.jobs = jobs;
        this.computing = jobs.latest();
        this.explaining = jobs.latest();
        for (Observable o : List.of(scene.scoreProperty(), scene.scheduleProperty(), scene.dataSetProperty(),
                tolerance, points, exactCurve, gridOptions, w2Points)) {
            o.addListener(x -> inputsChanged());
        }
        // numbers of another model, schedule or data set describe nothing on screen: they go, not only greyed
        for (Observable o : List.of(scene.scoreProperty(), scene.scheduleProperty(), scene.dataSetProperty())) {
            o.addListener(x -> clearResults());
        }
        suspended.addListener((obs, was, now) -> {
            if (!now) {
                maybeAutoCompute();
            }
        });
        auto.addListener((obs, was, now) -> maybeAutoCompute());
        scene.activity().busyProperty().addListener((obs, was, now) -> {
            if (!now && waitingForScene) {
                waitingForScene = false;
                maybeAutoCompute();
            }
        });
        showCorrectionMap.addListener(x -> scene.rebuild());
        point.addListener(x -> scene.rebuild());
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

    /** Also solve for the exact NLL(𝔥) (Fokker–Planck grid) and W2(𝔥): the expensive part, on by default. */
    public BooleanProperty exactCurveProperty() {
        return exactCurve;
    }

    /** Resolution of the exact curve's grid (default {@link #EXACT_GRID}). */
    public ObjectProperty<FokkerPlanckOptions> gridOptionsProperty() {
        return gridOptions;
    }

    /** Samples and held-out points per W2 (default 1 000; at most {@link Wasserstein#MAX_EXACT}). */
    public IntegerProperty w2PointsProperty() {
        return w2Points;
    }

    /** The exact NLL at {@link #CURVE_HS} on the same points (null when not computed). */
    public ReadOnlyObjectProperty<FokkerPlanckResult> exactProperty() {
        return exact.getReadOnlyProperty();
    }

    /**
     * Rows {𝔥, W2, MMD²} of the scene's sampler against an i.i.d. reference draw at {@link #W2_HS} (null when not
     * computed; NaN where samples diverged).
     */
    public ReadOnlyObjectProperty<double[][]> w2Property() {
        return w2.getReadOnlyProperty();
    }

    /**
     * The noise floor of W2 and MMD²: their mean and spread over {@link ModelStudy#FLOOR_DRAWS} fresh i.i.d. draws of the
     * data against the same reference, where a perfect sampler lands (docs/MATH.md §6.4).
     */
    public ReadOnlyObjectProperty<SampleQuality.Floor> w2FloorProperty() {
        return w2Floor.getReadOnlyProperty();
    }

    /** While true, a click on the scene explains that point ({@link #explain}) instead of launching a path. */
    public BooleanProperty pickProperty() {
        return pick;
    }

    /** The clicked point's likelihood and path (null before a click, while computing, or for another model). */
    public ReadOnlyObjectProperty<PointLikelihood> pointProperty() {
        return point.getReadOnlyProperty();
    }

    /** The clicked point's numbers in words, or what is being done or went wrong. */
    public ReadOnlyStringProperty pointTextProperty() {
        return pointText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LikelihoodResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<FirstOrderLine> lineProperty() {
        return line.getReadOnlyProperty();
    }

    /** True when the shown result (if any) is not for the current model, data and tolerance. */
    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    /** The computation's progress, its status line and what went wrong. */
    public Activity activity() {
        return activity;
    }

    // ---- validated setters ---------------------------------------------------------------------

    /** Sets the tolerance; returns an error message (and changes nothing) when it is out of range. */
    public String requestTolerance(double tol) {
        if (!(tol >= 1e-8 && tol <= 0.1)) {
            String problem = "the tolerance must be between 1e-8 and 0.1";
            activity.error(problem);
            return problem;
        }
        tolerance.set(tol);
        return null;
    }

    /** Sets the number of points, clamped to [MIN_POINTS, MAX_POINTS] with a message when clamped. */
    public void requestPoints(int n) {
        int clamped = Math.max(MIN_POINTS, Math.min(MAX_POINTS, n));
        if (clamped != n) {
            activity.error("points must be between " + MIN_POINTS + " and " + MAX_POINTS + "; using " + clamped);
        }
        points.set(clamped);
    }

    // ---- computing -----------------------------------------------------------------------------

    private void inputsChanged() {
        stale.set(true);
        if (computing.cancel()) {
            activity.busy(false);
        }
        maybeAutoCompute();
    }

    // ---- one clicked point -------------------------------------------------------------------------

    /**
     * Computes the likelihood of the point (x, y) under the scene's model at the panel's tolerance, in the
     * background (a new click replaces a running one): NLL at 𝔥 = 0, C(x₀) and the path, as the command line's
     * {@code likelihood} gives them for that point.
     */
    public void explain(double x, double y) {
        Schedule schedule = scene.scheduleProperty().get();
        ScoreModel score = scene.scoreProperty().get();
        point.set(null);
        if (schedule == null || score == null) {
            pointText.set("no model to evaluate: train one or load one first");
            return;
        }
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            pointText.set("that point is not on the plane");
            return;
        }
        LikelihoodOptions options = LikelihoodOptions.of(tolerance.get());
        pointText.set(String.format(Locale.ROOT, "x₀ = (%.3f, %.3f): integrating its PF-ODE path …", x, y));
        explaining.start((progress, cancel) -> new WkbLikelihood(schedule, score, options).point(x, y, cancel),
                new Jobs.Listener<PointLikelihood>() {
                    @Override
                    public void succeeded(PointLikelihood p) {
                        point.set(p);
                        pointText.set(describe(p));
                    }

                    @Override
                    public void failed(Throwable e) {
                        pointText.set("could not evaluate that point: " + Jobs.message(e));
                    }
                });
    }

    /** The panel's line for a point: where it is, NLL in nats, C, |∇ log q₀| and the status. */
    static String describe(PointLikelihood p) {
        return String.format(Locale.ROOT, "x₀ = (%.3f, %.3f):  NLL(𝔥 = 0) = %.4f nats  ·  C(x₀) = %.4g  ·  "
                + "|∇log q₀| = %.4g  ·  %s", p.x(), p.y(), p.nll(), p.correction(), p.gradNorm(), p.status());
    }

    private void clearResults() {
        explaining.cancel();
        point.set(null);
        pointText.set("");
        map = null;
        line.set(null);
        result.set(null);
        exact.set(null);
        w2.set(null);
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
        if (!auto.get() || !stale.get() || suspended.get() || activity.isBusy() || !ready()) {
            return;
        }
        if (scene.activity().busyProperty().get()) {
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
            activity.error("train or load a model first");
            return false;
        }
        Schedule schedule = scene.scheduleProperty().get();
        ScoreModel score = scene.scoreProperty().get();
        DataSet data = scene.dataSetProperty().get();
        LikelihoodOptions options;
        try {
            options = LikelihoodOptions.of(tolerance.get());
        } catch (IllegalArgumentException e) {
            cancel();
            activity.error(e.getMessage());
            return false;
        }
        int n = points.get();
        PointSet evaluated = data.heldOut(n, HELD_OUT_SEED);
        double tol = tolerance.get();
        activity.error("");
        activity.busy(true);
        activity.progress(0);
        activity.status(String.format(Locale.ROOT, "computing NLL and C for %d %s points at tol %.0e …", evaluated.size(),
                data.hasGenerator() ? "held-out" : "data", tol));
        boolean withExact = exactCurve.get();
        int steps = scene.stepsProperty().get();
        long seed = scene.seedProperty().get();
        SolverChoice solver = scene.solverProperty().get();
        int w2n = Math.max(4, Math.min(w2Points.get(), Wasserstein.MAX_EXACT));
        PointSet w2Reference = !withExact ? null
                : SampleQuality.reference(data, w2n, W2_SEED);
        FokkerPlanckOptions grid = gridOptions.get();
        computing.start(
                (prog, cancel) -> evaluate(schedule, score, data, evaluated, options, withExact ? grid : null, solver,
                        steps, seed, w2Reference, prog, cancel),
                new Jobs.Listener<>() {
                    @Override
                    public void progress(double fraction, String message) {
                        activity.progress(fraction);
                        activity.status(message);
                    }

                    @Override
                    public void succeeded(ModelStudy.Result r) {
                        activity.busy(false);
                        activity.progress(1);
                        publish(r, tol, data.hasGenerator());
                    }

                    @Override
                    public void failed(Throwable e) {
                        activity.busy(false);
                        activity.status("");
                        activity.error("likelihood failed: " + Jobs.message(e));
                    }

                    @Override
                    public void cancelled() {
                        activity.busy(false);
                        activity.status("cancelled");
                    }
                });
        return true;
    }

    /** Cancels a running computation; the last finished result stays on the chart. */
    public void cancel() {
        if (computing.cancel()) {
            activity.busy(false);
            activity.status("cancelled");
        }
    }

    /**
     * The work of one computation, off the UI thread ({@link ModelStudy}): NLL and C, then, when asked
     * ({@code grid} not null), the exact NLL(𝔥) at {@link #CURVE_HS} from the Fokker–Planck grid on the same
     * points, and W2(𝔥) and MMD²(𝔥) at {@link #W2_HS} of the scene's sampler (its solver, steps and seed)
     * against the reference draw, with their i.i.d. noise floor.
     */
    static ModelStudy.Result evaluate(Schedule schedule, ScoreModel score, DataSet data, PointSet points,
            LikelihoodOptions options, FokkerPlanckOptions grid, SolverChoice solver, int steps, long seed,
            PointSet w2Reference, ProgressListener progress, Cancellation cancel) {
        boolean withExact = grid != null;
        ModelStudy.Request request = new ModelStudy.Request(List.of(options),
                withExact ? new ModelStudy.Grid(grid, CURVE_HS) : null,
                withExact ? new ModelStudy.Samples(W2_HS, h -> solver.sampler(h, false),
                        TimeGrid.of(solver.stepSchedule(), schedule, steps), seed, w2Reference, W2_SEED) : null);
        return ModelStudy.run(schedule, score, data, points, request, progress, cancel);
    }

    private void publish(ModelStudy.Result e, double tol, boolean heldOut) {
        LikelihoodResult r = e.likelihoods().get(0);
        try {
            FirstOrderLine l = FirstOrderLine.of(r);
            map = CorrectionMap.of(r);
            result.set(r);
            exact.set(e.grid());
            w2Floor.set(e.floor());
            w2.set(e.w2());
            line.set(l);
            stale.set(false);
            activity.status(String.format(Locale.ROOT, "%d %s points, tol %.0e, %.1f s%s%s", l.count(),
                    heldOut ? "held-out" : "data", tol, e.seconds(),
                    failureNote(r),
                    e.grid() == null ? "" : String.format(Locale.ROOT, " · grid %d² cells", e.grid().finalCells())));
            if (showCorrectionMap.get()) {
                scene.rebuild();
            }
        } catch (IllegalArgumentException bad) {
            activity.error(bad.getMessage());
            activity.status("");
        }
    }

    /** Counts what failed, by what it cost: points without an NLL, and points with an NLL but without C. */
    static String failureNote(LikelihoodResult r) {
        int noNll = r.failures();
        int noC = r.correctionFailures();
        if (noNll + noC == 0) {
            return "";
        }
        StringBuilder note = new StringBuilder();
        if (noNll > 0) {
            note.append(", ").append(noNll).append(" without NLL (PF-ODE failed)");
        }
        if (noC > 0) {
            note.append(", ").append(noC).append(" without C (backward pass failed)");
        }
        return note.toString();
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
            PointLikelihood p = point.get();
            if (p != null) {
                PointLikelihoodView.draw(builder, legend, p, t);
            }
        };
    }

    private static final java.awt.Color ORANGE_PURPLE_HIGH = Colormap.ORANGE_PURPLE.color(0.95);
    private static final java.awt.Color ORANGE_PURPLE_LOW = Colormap.ORANGE_PURPLE.color(0.05);

    /** The evaluated points that succeeded, with their colours under a diverging map symmetric about 0. */
    record CorrectionMap(PointSet points, int[] rgb, ColorScale scale) {

        static CorrectionMap of(LikelihoodResult r) {
            int n = 0;
            for (int i = 0; i < r.size(); i++) {
                n += r.correctionOk(i) ? 1 : 0;
            }
            double[] xy = new double[2 * n];
            double[] c = new double[n];
            int k = 0;
            for (int i = 0; i < r.size(); i++) {
                if (r.correctionOk(i)) {
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
