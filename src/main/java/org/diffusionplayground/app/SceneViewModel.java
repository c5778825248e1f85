package org.diffusionplayground.app;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.sampling.SampledPaths;
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

    /** Slider range of 𝔥 (MATH.md §3: past 1, e.g. 0…3); the numeric field accepts up to ReverseProcess.MAX_H. */
    public static final double SLIDER_MAX_H = SamplerSettings.SLIDER_MAX_H;
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

    private final BooleanProperty live = new SimpleBooleanProperty(this, "live", false);

    private final ObjectProperty<SceneMode> mode = new SimpleObjectProperty<>(this, "mode", SceneMode.BACKWARD);
    private final DoubleProperty time = new SimpleDoubleProperty(this, "time", 1.0);

    private final ObjectProperty<ViewOptions> view = new SimpleObjectProperty<>(this, "view", ViewOptions.DEFAULT);
    private final DoubleProperty viewAspect = new SimpleDoubleProperty(this, "viewAspect", 16.0 / 9);

    private final ObjectProperty<SceneOverlays> overlays = new SimpleObjectProperty<>(this, "overlays",
            SceneOverlays.NONE);

    private final ReadOnlyObjectWrapper<SceneSnapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");
    private final ReadOnlyObjectWrapper<SceneSnapshot> secondSnapshot = new ReadOnlyObjectWrapper<>(this,
            "secondSnapshot");
    private final Activity activity = new Activity(this);

    private final SceneSampling sampling;
    private final PlaybackClock playback;
    private final LaunchedPaths launched;
    private boolean resamplePending;
    private boolean rebuildPending;

    public SceneViewModel(Jobs jobs) {
        this.jobs = jobs;
        this.sampling = new SceneSampling(jobs, activity, this::rebuild);
        this.playback = new PlaybackClock(time, mode, schedule, steps, sampling.pathsProperty());
        this.launched = new LaunchedPaths(jobs);
        for (Observable o : List.of(dataSet, schedule, score, h, compareH, split, compareSchedule, compareScore,
                particles, steps, seed, solver, corrector, live)) {
            o.addListener(x -> requestResample());
        }
        for (Observable o : List.of(mode, time, view, viewAspect, launched.paths(), overlays)) {
            o.addListener(x -> requestRebuild());
        }
        schedule.addListener((obs, old, s) -> {
            if (s != null) {
                time.set(playback.clamp(time.get()));
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

    /**
     * True while a model trains and the scene follows its weights: each new model is sampled with the thinned
     * {@link SamplerSettings#live()} settings, so the view refreshes every second without starving the
     * training; back to false, the scene samples at its full settings again. Not part of a saved scene.
     */
    public BooleanProperty liveProperty() {
        return live;
    }

    public ObjectProperty<SceneMode> modeProperty() {
        return mode;
    }

    public DoubleProperty timeProperty() {
        return time;
    }

    /**
     * Everything of the scene a preset keeps (what {@link #state} maps, and the animation's loop and
     * speed), for whoever must know when the document changed. The time shown is not among them: while
     * playing it changes every frame.
     */
    public List<Observable> savedProperties() {
        return List.of(dataSet, schedule, score, h, compareH, split, compareSchedule, compareScore, particles, steps,
                seed, solver, corrector, mode, view, playback.loopProperty(), playback.sweepSecondsProperty());
    }

    /** The animation of the time shown: play, pause, loop, speed, single steps. */
    public PlaybackClock playback() {
        return playback;
    }

    /** What is shown besides the particles, and where the view looks: one value, set whole. */
    public ObjectProperty<ViewOptions> viewProperty() {
        return view;
    }

    /**
     * One on/off view option as a property of its own, for a check box: it follows {@link #viewProperty}
     * and writes back through {@code with}. A new option needs only its record field and its control.
     */
    public BooleanProperty viewFlag(Predicate<ViewOptions> get, BiFunction<ViewOptions, Boolean, ViewOptions> with) {
        BooleanProperty flag = new SimpleBooleanProperty(this, "viewFlag", get.test(view.get()));
        view.addListener((obs, old, v) -> flag.set(get.test(v)));
        flag.addListener((obs, old, on) -> {
            if (get.test(view.get()) != on) {
                view.set(with.apply(view.get(), on));
            }
        });
        return flag;
    }

    public DoubleProperty viewAspectProperty() {
        return viewAspect;
    }

    public ObservableList<LaunchedPath> launchedPaths() {
        return launched.paths();
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

    /** Sampling in the background: busy, progress, status line, and problems with what the user typed. */
    public Activity activity() {
        return activity;
    }

    public ReadOnlyObjectProperty<SampledPaths> pathsProperty() {
        return sampling.pathsProperty();
    }

    public double tMin() {
        return playback.tMin();
    }

    public double tMax() {
        return playback.tMax();
    }

    // ---- validated setters for values typed by the user --------------------------------------

    /** Sets 𝔥 from user input; returns an error message (and changes nothing) when it is invalid. */
    public String requestH(double value) {
        String problem = ReverseProcess.problemWithH(value);
        if (problem == null) {
            h.set(value);
            activity.error("");
        } else {
            activity.error(problem);
        }
        return problem;
    }

    /** Shows a problem found elsewhere (e.g. a missing bundled model) in the scene's status line. */
    public void reportError(String message) {
        activity.error(message);
    }

    /** Sets the split view's second 𝔥 from user input; returns an error message (and changes nothing) when invalid. */
    public String requestCompareH(double value) {
        String problem = ReverseProcess.problemWithH(value);
        if (problem == null) {
            compareH.set(value);
            return null;
        }
        return "second pane: " + problem;
    }

    /** Sets the particle count; out-of-range values are clamped and reported. */
    public void requestParticles(int n) {
        int clamped = Math.max(1, Math.min(MAX_PARTICLES, n));
        if (clamped != n) {
            activity.error("particles must be between 1 and " + MAX_PARTICLES + "; using " + clamped);
        }
        particles.set(clamped);
    }

    // ---- animation and launched trajectories ---------------------------------------------------

    /** Back to the start of the current mode's sweep, paused, without launched paths. */
    public void reset() {
        playback.rewind();
        launched.paths().clear();
    }

    /**
     * Launches one particle from (x, y) at the current time, integrates it backward to t_min at the
     * current 𝔥 with the sampler's step size, and shows its path and its Onsager–Machlup action.
     */
    public void launchPath(double x, double y) {
        String problem = launched.launch(state(), x, y);
        if (problem != null) {
            activity.error(problem);
        }
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
        SceneState s = state();
        sampling.resample(live.get() ? s.withSampler(s.sampler().live()) : s);
    }

    // ---- snapshot ----------------------------------------------------------------------------

    /** Rebuilds the snapshots from the current state (cheap: no sampling). */
    public void rebuild() {
        SceneState state = state();
        List<LaunchedPath> clicked = launched.paths();
        snapshot.set(composer.compose(state, sampling.pathsProperty().get(), false, viewAspect.get(), clicked, overlays.get()));
        if (split.get()) {
            secondSnapshot.set(composer.compose(state, sampling.secondPaths(), true, viewAspect.get(), clicked, overlays.get()));
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
        panes.add(fresh.compose(state, sampling.pathsProperty().get(), false, aspect, launched.paths(), overlays.get()));
        if (split.get()) {
            panes.add(fresh.compose(state, sampling.secondPaths(), true, aspect, launched.paths(), overlays.get()));
        }
        ViewOptions v = state.view();
        return new SceneFrame(panes, v.centreX(), v.centreY(), v.halfSize());
    }

    /** The current inputs of a frame as one immutable value (for exports, presets and the composer). */
    public SceneState state() {
        return new SceneState(dataSet.get(), schedule.get(), score.get(),
                new SamplerSettings(h.get(), particles.get(), steps.get(), seed.get(), solver.get(), corrector.get()),
                split.get(), compareH.get(), compareSchedule.get(), compareScore.get(), mode.get(), time.get(),
                view.get());
    }


    /** Sets every input from a state (opening a preset); sampling starts once for all of them. */
    public void load(SceneState s) {
        playback.playingProperty().set(false);
        launched.paths().clear();
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
        time.set(playback.clamp(s.time()));
        view.set(s.view());
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
