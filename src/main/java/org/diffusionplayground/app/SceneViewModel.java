package org.diffusionplayground.app;

import java.util.List;
import java.util.Locale;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
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
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.sampling.EulerMaruyama;
import org.diffusionplayground.model.sampling.PathAction;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.sampling.SampledPaths;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.render.SceneFrame;
import org.diffusionplayground.render.SceneSnapshot;
import org.diffusionplayground.scene.LaunchedPath;
import org.diffusionplayground.scene.SamplerSettings;
import org.diffusionplayground.scene.SceneComposer;
import org.diffusionplayground.scene.SceneMode;
import org.diffusionplayground.scene.SceneOverlays;
import org.diffusionplayground.scene.SceneState;
import org.diffusionplayground.scene.SolverChoice;
import org.diffusionplayground.scene.ViewOptions;

/**
 * The scene's state and logic, with no controls in it (JabRef's view-model rule): what is sampled
 * (data, schedule, score, 𝔥, particles, seed), what is shown (mode, time, overlays, zoom) and the
 * resulting {@link SceneSnapshot}s the views draw. Sampling runs as a background job whenever an input
 * changes; the newest request wins and older ones are cancelled. Everything here runs on the UI thread.
 */
public final class SceneViewModel {

    /** Slider range of 𝔥 (MATH.md §3: past 1, e.g. 0…3); the numeric field accepts up to MAX_H. */
    public static final double SLIDER_MAX_H = SamplerSettings.SLIDER_MAX_H;
    public static final double MAX_H = SamplerSettings.MAX_H;
    public static final int MAX_PARTICLES = SamplerSettings.MAX_PARTICLES;

    private final Jobs jobs;
    private final SceneComposer composer = new SceneComposer();

    private final ObjectProperty<DataSet> dataSet = new SimpleObjectProperty<>(this, "dataSet");
    private final ObjectProperty<Schedule> schedule = new SimpleObjectProperty<>(this, "schedule");
    private final ObjectProperty<ScoreModel> score = new SimpleObjectProperty<>(this, "score");
    private final DoubleProperty h = new SimpleDoubleProperty(this, "h", SamplerSettings.DEFAULT.h());
    private final DoubleProperty compareH = new SimpleDoubleProperty(this, "compareH", SamplerSettings.DEFAULT_COMPARE_H);
    private final BooleanProperty split = new SimpleBooleanProperty(this, "split", false);
    private final ObjectProperty<Schedule> compareSchedule = new SimpleObjectProperty<>(this, "compareSchedule");
    private final ObjectProperty<ScoreModel> compareScore = new SimpleObjectProperty<>(this, "compareScore");
    private final IntegerProperty particles = new SimpleIntegerProperty(this, "particles",
            SamplerSettings.DEFAULT.particles());
    private final IntegerProperty steps = new SimpleIntegerProperty(this, "steps", SamplerSettings.DEFAULT.steps());
    private final LongProperty seed = new SimpleLongProperty(this, "seed", SamplerSettings.DEFAULT.seed());
    private final ObjectProperty<SolverChoice> solver = new SimpleObjectProperty<>(this, "solver",
            SamplerSettings.DEFAULT.solver());
    private final BooleanProperty corrector = new SimpleBooleanProperty(this, "corrector",
            SamplerSettings.DEFAULT.corrector());

    private final ObjectProperty<SceneMode> mode = new SimpleObjectProperty<>(this, "mode", SceneMode.BACKWARD);
    private final DoubleProperty time = new SimpleDoubleProperty(this, "time", 1.0);
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    private final BooleanProperty loop = new SimpleBooleanProperty(this, "loop", true);
    private final DoubleProperty sweepSeconds = new SimpleDoubleProperty(this, "sweepSeconds",
            SceneState.DEFAULT_SWEEP_SECONDS);

    private final BooleanProperty showData = new SimpleBooleanProperty(this, "showData",
            ViewOptions.DEFAULT.showData());
    private final BooleanProperty showTrails = new SimpleBooleanProperty(this, "showTrails",
            ViewOptions.DEFAULT.showTrails());
    private final BooleanProperty showField = new SimpleBooleanProperty(this, "showField",
            ViewOptions.DEFAULT.showField());
    private final BooleanProperty showExactField = new SimpleBooleanProperty(this, "showExactField",
            ViewOptions.DEFAULT.showExactField());
    private final BooleanProperty showAxes = new SimpleBooleanProperty(this, "showAxes",
            ViewOptions.DEFAULT.showAxes());
    private final BooleanProperty showLegend = new SimpleBooleanProperty(this, "showLegend",
            ViewOptions.DEFAULT.showLegend());
    private final DoubleProperty viewCentreX = new SimpleDoubleProperty(this, "viewCentreX",
            ViewOptions.DEFAULT.centreX());
    private final DoubleProperty viewCentreY = new SimpleDoubleProperty(this, "viewCentreY",
            ViewOptions.DEFAULT.centreY());
    private final DoubleProperty viewHalfSize = new SimpleDoubleProperty(this, "viewHalfSize",
            ViewOptions.DEFAULT.halfSize());
    private final DoubleProperty viewAspect = new SimpleDoubleProperty(this, "viewAspect", 16.0 / 9);

    private final ObservableList<LaunchedPath> launched = FXCollections.observableArrayList();
    private final ObjectProperty<SceneOverlays> overlays = new SimpleObjectProperty<>(this, "overlays",
            SceneOverlays.NONE);

    private final ReadOnlyObjectWrapper<SceneSnapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");
    private final ReadOnlyObjectWrapper<SceneSnapshot> secondSnapshot = new ReadOnlyObjectWrapper<>(this,
            "secondSnapshot");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<SampledPaths> paths = new ReadOnlyObjectWrapper<>(this, "paths");
    private SampledPaths secondPaths;

    private Jobs.Job running;
    private Jobs.Job runningSecond;
    private boolean resamplePending;
    private boolean rebuildPending;

    public SceneViewModel(Jobs jobs) {
        this.jobs = jobs;
        for (Observable o : List.of(dataSet, schedule, score, h, compareH, split, compareSchedule, compareScore,
                particles, steps, seed, solver, corrector)) {
            o.addListener(x -> requestResample());
        }
        for (Observable o : List.of(mode, time, showData, showTrails, showField, showExactField, showAxes, showLegend,
                viewCentreX, viewCentreY, viewHalfSize, viewAspect, launched, overlays)) {
            o.addListener(x -> requestRebuild());
        }
        schedule.addListener((obs, old, s) -> {
            if (s != null) {
                time.set(clampTime(time.get()));
            }
        });
        split.addListener((obs, was, on) -> secondSnapshot.set(null));
    }

    // ---- properties -------------------------------------------------------------------------

    public ObjectProperty<DataSet> dataSetProperty() {
        return dataSet;
    }

    public ObjectProperty<Schedule> scheduleProperty() {
        return schedule;
    }

    public ObjectProperty<ScoreModel> scoreProperty() {
        return score;
    }

    public DoubleProperty hProperty() {
        return h;
    }

    public DoubleProperty compareHProperty() {
        return compareH;
    }

    public BooleanProperty splitProperty() {
        return split;
    }

    /** The second pane's forward process; null (the default) uses the first pane's. */
    public ObjectProperty<Schedule> compareScheduleProperty() {
        return compareSchedule;
    }

    /** The second pane's score; null (the default) uses the first pane's. */
    public ObjectProperty<ScoreModel> compareScoreProperty() {
        return compareScore;
    }

    public IntegerProperty particlesProperty() {
        return particles;
    }

    public IntegerProperty stepsProperty() {
        return steps;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    public ObjectProperty<SolverChoice> solverProperty() {
        return solver;
    }

    public BooleanProperty correctorProperty() {
        return corrector;
    }

    public ObjectProperty<SceneMode> modeProperty() {
        return mode;
    }

    public DoubleProperty timeProperty() {
        return time;
    }

    public BooleanProperty playingProperty() {
        return playing;
    }

    public BooleanProperty loopProperty() {
        return loop;
    }

    public DoubleProperty sweepSecondsProperty() {
        return sweepSeconds;
    }

    public BooleanProperty showDataProperty() {
        return showData;
    }

    public BooleanProperty showTrailsProperty() {
        return showTrails;
    }

    public BooleanProperty showFieldProperty() {
        return showField;
    }

    public BooleanProperty showExactFieldProperty() {
        return showExactField;
    }

    public BooleanProperty showAxesProperty() {
        return showAxes;
    }

    public BooleanProperty showLegendProperty() {
        return showLegend;
    }

    public DoubleProperty viewCentreXProperty() {
        return viewCentreX;
    }

    public DoubleProperty viewCentreYProperty() {
        return viewCentreY;
    }

    public DoubleProperty viewHalfSizeProperty() {
        return viewHalfSize;
    }

    public DoubleProperty viewAspectProperty() {
        return viewAspect;
    }

    public ObservableList<LaunchedPath> launchedPaths() {
        return launched;
    }

    /** Extra layers (density heatmap, lenses) other view-models contribute to the scene. */
    public ObjectProperty<SceneOverlays> overlaysProperty() {
        return overlays;
    }

    public ReadOnlyObjectProperty<SceneSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SceneSnapshot> secondSnapshotProperty() {
        return secondSnapshot.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
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

    public ReadOnlyObjectProperty<SampledPaths> pathsProperty() {
        return paths.getReadOnlyProperty();
    }

    public double tMin() {
        return schedule.get() == null ? 0 : schedule.get().tMin();
    }

    public double tMax() {
        return schedule.get() == null ? 1 : schedule.get().tMax();
    }

    // ---- validated setters for values typed by the user --------------------------------------

    /** Sets 𝔥 from user input; returns an error message (and changes nothing) when it is invalid. */
    public String requestH(double value) {
        String problem = checkH(value);
        if (problem == null) {
            h.set(value);
            error.set("");
        } else {
            error.set(problem);
        }
        return problem;
    }

    /** Shows a problem found elsewhere (e.g. a missing bundled model) in the scene's status line. */
    public void reportError(String message) {
        error.set(message);
    }

    static String checkH(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "𝔥 must be a number";
        }
        if (value < 0) {
            return "𝔥 must be ≥ 0 (𝔥 = 0 is the probability-flow ODE)";
        }
        if (value > MAX_H) {
            return String.format(Locale.ROOT, "𝔥 must be at most %.0f", MAX_H);
        }
        return null;
    }

    /** Sets the particle count; out-of-range values are clamped and reported. */
    public void requestParticles(int n) {
        int clamped = Math.max(1, Math.min(MAX_PARTICLES, n));
        if (clamped != n) {
            error.set("particles must be between 1 and " + MAX_PARTICLES + "; using " + clamped);
        }
        particles.set(clamped);
    }

    // ---- animation ---------------------------------------------------------------------------

    /** Advances the animation by a wall-clock interval; a full sweep T ↔ t_min takes sweepSeconds. */
    public void advance(double seconds) {
        if (!playing.get() || schedule.get() == null) {
            return;
        }
        double span = tMax() - tMin();
        double dt = span * seconds / Math.max(SceneState.MIN_SWEEP_SECONDS, sweepSeconds.get());
        double t = time.get() + (mode.get() == SceneMode.BACKWARD ? -dt : dt);
        SampledPaths run = paths.get();
        if (mode.get() == SceneMode.BACKWARD && run != null && !run.complete()) {
            t = Math.max(t, run.recordedDownTo()); // the first run is shown while it samples: wait for it
        }
        if (t < tMin() || t > tMax()) {
            if (loop.get()) {
                t = mode.get() == SceneMode.BACKWARD ? tMax() : tMin();
            } else {
                t = clampTime(t);
                playing.set(false);
            }
        }
        time.set(t);
    }

    /** One sampler step forward in the animation direction (−1 steps back). */
    public void step(int direction) {
        double dt = (tMax() - tMin()) / Math.max(1, steps.get());
        double sign = mode.get() == SceneMode.BACKWARD ? -1 : 1;
        time.set(clampTime(time.get() + sign * direction * dt));
    }

    /** Back to the start of the current mode's sweep, paused. */
    public void reset() {
        playing.set(false);
        time.set(mode.get() == SceneMode.BACKWARD ? tMax() : tMin());
        launched.clear();
    }

    public void togglePlaying() {
        if (!playing.get()) {
            boolean atEnd = mode.get() == SceneMode.BACKWARD ? time.get() <= tMin() : time.get() >= tMax();
            if (atEnd) {
                time.set(mode.get() == SceneMode.BACKWARD ? tMax() : tMin());
            }
        }
        playing.set(!playing.get());
    }

    private double clampTime(double t) {
        return Math.max(tMin(), Math.min(tMax(), t));
    }

    // ---- launched trajectories ---------------------------------------------------------------

    /**
     * Launches one particle from (x, y) at the current time, integrates it backward to t_min at the
     * current 𝔥 with the sampler's step size, and shows its path and its Onsager–Machlup action.
     */
    public void launchPath(double x, double y) {
        ScoreModel s = score.get();
        Schedule sch = schedule.get();
        if (s == null || sch == null) {
            error.set("train or load a model before launching trajectories");
            return;
        }
        double t0 = clampTime(time.get());
        if (t0 <= sch.tMin()) {
            t0 = sch.tMax();
        }
        double start = t0;
        ReverseProcess p = new ReverseProcess(sch, s, h.get());
        int n = Math.max(2, (int) Math.ceil(steps.get() * (start - sch.tMin()) / (sch.tMax() - sch.tMin())));
        double[] times = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            times[k] = start + (sch.tMin() - start) * k / n;
        }
        TimeGrid grid = new TimeGrid(times);
        long pathSeed = seed.get() * 1_000_003L + launched.size() + 1;
        jobs.start((prog, cancel) -> {
            double[] xy = {x, y};
            double[] path = new double[2 * (n + 1)];
            new EulerMaruyama().sample(p, xy, 1, grid, new CounterNormal(pathSeed), (k, t, pos, c) -> {
                path[2 * k] = pos[0];
                path[2 * k + 1] = pos[1];
            }, cancel);
            float[] f = new float[path.length];
            for (int i = 0; i < path.length; i++) {
                f[i] = (float) path[i];
            }
            return new LaunchedPath(x, y, start, p.h(), f, PathAction.of(p, grid.times(), path));
        }, Jobs.onSuccess(launched::add));
    }

    // ---- sampling ----------------------------------------------------------------------------

    private void requestResample() {
        if (resamplePending) {
            return;
        }
        resamplePending = true;
        jobs.ui().execute(() -> {
            resamplePending = false;
            resample();
        });
    }

    private void requestRebuild() {
        if (rebuildPending) {
            return;
        }
        rebuildPending = true;
        jobs.ui().execute(() -> {
            rebuildPending = false;
            rebuild();
        });
    }

    /** Starts sampling for the current inputs (cancelling any older run). */
    public void resample() {
        if (running != null) {
            running.cancel();
        }
        if (runningSecond != null) {
            runningSecond.cancel();
        }
        SceneState state = state();
        if (state.score() == null || state.schedule() == null) {
            paths.set(null);
            secondPaths = null;
            rebuild();
            return;
        }
        busy.set(true);
        status.set("sampling " + state.sampler().particles() + " particles at 𝔥 = " + SceneComposer.format(h.get())
                + " …");
        running = startRun(state, false, result -> {
            paths.set(result);
            busy.set(runningSecond != null && !runningSecond.isDone());
            status.set("");
            rebuild();
        }, live -> {
            // with nothing on screen yet (app start, first model) animate the run while it samples
            if (paths.get() == null) {
                paths.set(live);
                rebuild();
            }
        });
        if (split.get()) {
            runningSecond = startRun(state, true, result -> {
                secondPaths = result;
                rebuild();
            }, null);
        } else {
            secondPaths = null;
        }
    }

    /** @param live gets the run on the UI thread as soon as it starts (null: only when done) */
    private Jobs.Job startRun(SceneState state, boolean second, java.util.function.Consumer<SampledPaths> done,
            java.util.function.Consumer<SampledPaths> live) {
        Jobs.Job[] self = new Jobs.Job[1];
        java.util.function.Consumer<SampledPaths> started = live == null ? null
                : run -> jobs.ui().execute(() -> {
                    if (self[0] == null || !self[0].isCancelled()) {
                        live.accept(run);
                    }
                });
        return self[0] = jobs.start((prog, cancel) -> SceneComposer.sample(state, second, SceneComposer.FRAMES, prog,
                cancel, started), new Jobs.Listener<>() {
                    @Override
                    public void progress(double fraction, String message) {
                        progress.set(fraction);
                    }

                    @Override
                    public void succeeded(SampledPaths result) {
                        done.accept(result);
                    }

                    @Override
                    public void failed(Throwable e) {
                        busy.set(false);
                        status.set("");
                        error.set("sampling failed: " + Jobs.message(e));
                    }
                });
    }

    // ---- snapshot ----------------------------------------------------------------------------

    /** Rebuilds the snapshots from the current state (cheap: no sampling). */
    public void rebuild() {
        SceneState state = state();
        snapshot.set(composer.compose(state, paths.get(), false, viewAspect.get(), launched, overlays.get()));
        if (split.get()) {
            secondSnapshot.set(composer.compose(state, secondPaths, true, viewAspect.get(), launched, overlays.get()));
        }
    }

    /**
     * The scene as shown (samples, launched paths, overlays), composed afresh for an export whose panes
     * have {@code aspect} = width / height: its particle arrays are its own, so it may be drawn on another
     * thread while the window goes on animating.
     */
    public SceneFrame exportFrame(double aspect) {
        SceneState state = state();
        SceneComposer fresh = new SceneComposer();
        List<SceneSnapshot> panes = new java.util.ArrayList<>();
        panes.add(fresh.compose(state, paths.get(), false, aspect, launched, overlays.get()));
        if (split.get()) {
            panes.add(fresh.compose(state, secondPaths, true, aspect, launched, overlays.get()));
        }
        ViewOptions v = state.view();
        return new SceneFrame(panes, v.centreX(), v.centreY(), v.halfSize());
    }

    /** The current inputs of a frame as one immutable value (for exports, presets and the composer). */
    public SceneState state() {
        return new SceneState(dataSet.get(), schedule.get(), score.get(),
                new SamplerSettings(h.get(), particles.get(), steps.get(), seed.get(), solver.get(), corrector.get()),
                split.get(), compareH.get(), compareSchedule.get(), compareScore.get(), mode.get(), time.get(),
                viewOptions());
    }

    /** What is shown and where the view looks. */
    public ViewOptions viewOptions() {
        return new ViewOptions(showData.get(), showTrails.get(), showField.get(), showExactField.get(), showAxes.get(),
                showLegend.get(), viewCentreX.get(), viewCentreY.get(), viewHalfSize.get());
    }

    /** Sets every input from a state (opening a preset); sampling starts once for all of them. */
    public void load(SceneState s) {
        playing.set(false);
        launched.clear();
        dataSet.set(s.data());
        schedule.set(s.schedule());
        score.set(s.score());
        compareSchedule.set(s.compareSchedule());
        compareScore.set(s.compareScore());
        h.set(s.sampler().h());
        compareH.set(s.compareH());
        split.set(s.split());
        particles.set(s.sampler().particles());
        steps.set(s.sampler().steps());
        seed.set(s.sampler().seed());
        solver.set(s.sampler().solver());
        corrector.set(s.sampler().corrector());
        mode.set(s.mode());
        time.set(clampTime(s.time()));
        ViewOptions v = s.view();
        showData.set(v.showData());
        showTrails.set(v.showTrails());
        showField.set(v.showField());
        showExactField.set(v.showExactField());
        showAxes.set(v.showAxes());
        showLegend.set(v.showLegend());
        viewCentreX.set(v.centreX());
        viewCentreY.set(v.centreY());
        viewHalfSize.set(v.halfSize());
    }

    /** The exact score of the data: closed-form for mixtures, else the empirical score of ≤ 500 points. */
    public MixtureScore exactScore(DataSet data, Schedule sch) {
        return composer.exactScore(data, sch);
    }

    /** Positions at the current time of the primary run, for tests and exports (null without a run). */
    public double[] currentPositions() {
        SceneSnapshot s = snapshot.get();
        if (s == null || s.particles() == null) {
            return null;
        }
        return java.util.Arrays.copyOf(s.particles(), 2 * s.particleCount());
    }
}
