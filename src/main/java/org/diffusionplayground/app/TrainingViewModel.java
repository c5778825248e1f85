package org.diffusionplayground.app;

import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.checkpoint.CheckpointException;
import org.diffusionplayground.model.checkpoint.CheckpointIO;
import org.diffusionplayground.model.checkpoint.ModelCard;
import org.diffusionplayground.model.checkpoint.PretrainedModel;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.metrics.SampleQuality;
import org.diffusionplayground.model.metrics.Wasserstein;
import org.diffusionplayground.model.sampling.SampledPaths;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.Activation;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.score.Target;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.diffusionplayground.model.train.Batching;
import org.diffusionplayground.model.train.JobOptions;
import org.diffusionplayground.model.train.ModelSnapshot;
import org.diffusionplayground.model.train.Objective;
import org.diffusionplayground.model.train.OptimiserSchedule;
import org.diffusionplayground.model.train.TimeSampling;
import org.diffusionplayground.model.train.TrainingConfig;
import org.diffusionplayground.model.train.TrainingJob;
import org.diffusionplayground.model.train.TrainingListener;
import org.diffusionplayground.model.train.TrainingProgress;
import org.diffusionplayground.model.train.TrainingResult;
import org.diffusionplayground.model.train.Weighting;
import org.diffusionplayground.scene.SceneMode;

/**
 * The training panel's logic: the settings (as properties, validated into a {@link TrainingConfig}),
 * Train / Pause / Resume / Stop of a {@link TrainingJob} on its own thread, progress, ETA and the loss
 * curve, and hand-over of the weights to the scene: every snapshot during training (one a second of
 * training, each shown before the training goes on) and the final model become the scene's score, so samples
 * update while it trains; each refresh
 * is recorded with the W2 of its samples to held-out data ({@link #liveSamples()}), the running W2 the
 * loss chart shows beside the loss.
 */
public final class TrainingViewModel {

    /** The app's recipe, whose values the settings start from ({@link TrainingConfig#fast}). */
    private static final TrainingConfig APP = TrainingConfig.fast(ScheduleSpec.of(ScheduleKind.SIMPLE));

    /**
     * Samples and held-out points of the running W2. Exact W2 is an optimal assignment, O(n³): 500 points
     * take a few tens of milliseconds, off the UI thread, once a second.
     */
    public static final int LIVE_W2_POINTS = 500;

    private final SceneViewModel scene;
    private final java.util.concurrent.Executor ui;

    private final ObjectProperty<ScheduleKind> schedule = new SimpleObjectProperty<>(this, "schedule", ScheduleKind.SIMPLE);
    private final DoubleProperty sigmaMax = new SimpleDoubleProperty(this, "sigmaMax", ScheduleSpec.DEFAULT_SIGMA_MAX);
    private final IntegerProperty width = new SimpleIntegerProperty(this, "width", 128);
    private final IntegerProperty depth = new SimpleIntegerProperty(this, "depth", 3);
    private final ObjectProperty<Activation> activation = new SimpleObjectProperty<>(this, "activation", Activation.SILU);
    private final ObjectProperty<TimeEmbedding.Kind> embedding = new SimpleObjectProperty<>(this, "embedding",
            TimeEmbedding.Kind.SINUSOIDAL);
    private final IntegerProperty embeddingDim = new SimpleIntegerProperty(this, "embeddingDim", 32);
    private final ObjectProperty<Target> target = new SimpleObjectProperty<>(this, "target", Target.EPSILON);
    private final ObjectProperty<Weighting> weighting = new SimpleObjectProperty<>(this, "weighting", Weighting.SIGMA2);
    private final ObjectProperty<Objective> objective = new SimpleObjectProperty<>(this, "objective", Objective.DSM);
    private final ObjectProperty<TimeSampling> timeSampling = new SimpleObjectProperty<>(this, "timeSampling",
            TimeSampling.UNIFORM);
    private final ObjectProperty<Batching> batching = new SimpleObjectProperty<>(this, "batching",
            Batching.WITH_REPLACEMENT);
    private final DoubleProperty learningRate = new SimpleDoubleProperty(this, "learningRate", APP.learningRate());
    private final LongProperty steps = new SimpleLongProperty(this, "steps", APP.steps());
    private final IntegerProperty batchSize = new SimpleIntegerProperty(this, "batchSize", 1024);
    private final LongProperty seed = new SimpleLongProperty(this, "seed", 1);
    private final DoubleProperty ema = new SimpleDoubleProperty(this, "ema", 0.999);
    private final DoubleProperty clip = new SimpleDoubleProperty(this, "clip", 1.0);
    private final DoubleProperty beta1 = new SimpleDoubleProperty(this, "beta1", 0.9);
    private final DoubleProperty beta2 = new SimpleDoubleProperty(this, "beta2", 0.999);
    private final DoubleProperty adamEps = new SimpleDoubleProperty(this, "adamEps", 1e-8);
    /** Condition the network on the data's class labels (for classifier-free guidance). */
    private final javafx.beans.property.BooleanProperty conditional =
            new javafx.beans.property.SimpleBooleanProperty(this, "conditional", false);
    private final javafx.beans.property.ReadOnlyBooleanWrapper dataLabelled =
            new javafx.beans.property.ReadOnlyBooleanWrapper(this, "dataLabelled", false);
    /** The rate and EMA schedule: the app's fast one, or constant after "paper setup" (no row of its own). */
    private final ObjectProperty<OptimiserSchedule> optimiserSchedule = new SimpleObjectProperty<>(this,
            "optimiserSchedule", APP.optimiserSchedule());

    private final ReadOnlyObjectWrapper<TrainingJob.State> state = new ReadOnlyObjectWrapper<>(this, "state",
            TrainingJob.State.READY);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper statusLine = new ReadOnlyStringWrapper(this, "statusLine", "");
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper(this, "warning", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<Checkpoint> checkpoint = new ReadOnlyObjectWrapper<>(this, "checkpoint");
    private final ReadOnlyObjectWrapper<TrainingResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ObservableList<LossPoint> losses = FXCollections.observableArrayList();
    private final ObservableList<LiveSample> liveSamples = FXCollections.observableArrayList();

    private TrainingJob job;
    private DataSet trainingData;
    /** The newest training snapshot not yet shown because the scene was still sampling the previous one. */
    private NetworkScore pendingSnapshot;
    private Schedule pendingSchedule;
    private ModelSnapshot pendingWeights;
    /** The newest training snapshot handed to the scene, and its score, until the scene's samples of it arrive. */
    private ModelSnapshot liveWeights;
    private ScoreModel liveScore;
    /** Held-out points of the data being trained on, for the running W2. */
    private PointSet liveReference;
    private final java.util.concurrent.atomic.AtomicBoolean measuring = new java.util.concurrent.atomic.AtomicBoolean();
    private java.util.concurrent.ExecutorService measurer;
    /** What to start once the run being stopped has stopped (settings changed mid-run); null for nothing. */
    private Runnable whenStopped;
    /** Steps of the runs before this one on the loss curve (a continued run adds to them). */
    private long stepOffset;

    public TrainingViewModel(SceneViewModel scene, java.util.concurrent.Executor ui) {
        this.scene = scene;
        this.ui = ui;
        javafx.beans.value.ChangeListener<DataSet> labelled = (obs, old, d) -> dataLabelled.set(d != null
                && d.points().hasLabels());
        scene.dataSetProperty().addListener(labelled);
        labelled.changed(null, null, scene.dataSetProperty().get());
        // snapshots arrive every few hundred steps; one that arrives while the scene still samples the
        // previous one waits (newest wins) instead of cancelling it, so the samples keep updating
        scene.activity().busyProperty().addListener((obs, was, busy) -> {
            if (!busy && pendingSnapshot != null) {
                NetworkScore next = pendingSnapshot;
                pendingSnapshot = null;
                showLive(pendingSchedule, next, pendingWeights);
            }
        });
        scene.pathsProperty().addListener((obs, old, run) -> liveSamplesArrived(run));
    }

    // ---- settings ------------------------------------------------------------------------------

    public ObjectProperty<ScheduleKind> scheduleProperty() {
        return schedule;
    }

    public DoubleProperty sigmaMaxProperty() {
        return sigmaMax;
    }

    /** Train a conditional network on the data's labels (only possible when {@link #dataLabelledProperty()}). */
    public javafx.beans.property.BooleanProperty conditionalProperty() {
        return conditional;
    }

    /** True when the scene's data carry class labels. */
    public javafx.beans.property.ReadOnlyBooleanProperty dataLabelledProperty() {
        return dataLabelled.getReadOnlyProperty();
    }

    public IntegerProperty widthProperty() {
        return width;
    }

    public IntegerProperty depthProperty() {
        return depth;
    }

    public ObjectProperty<Activation> activationProperty() {
        return activation;
    }

    public ObjectProperty<TimeEmbedding.Kind> embeddingProperty() {
        return embedding;
    }

    public IntegerProperty embeddingDimProperty() {
        return embeddingDim;
    }

    public ObjectProperty<Target> targetProperty() {
        return target;
    }

    public ObjectProperty<Weighting> weightingProperty() {
        return weighting;
    }

    public ObjectProperty<OptimiserSchedule> optimiserScheduleProperty() {
        return optimiserSchedule;
    }

    public ObjectProperty<Objective> objectiveProperty() {
        return objective;
    }

    public ObjectProperty<TimeSampling> timeSamplingProperty() {
        return timeSampling;
    }

    public ObjectProperty<Batching> batchingProperty() {
        return batching;
    }

    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    public LongProperty stepsProperty() {
        return steps;
    }

    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    public DoubleProperty emaProperty() {
        return ema;
    }

    public DoubleProperty clipProperty() {
        return clip;
    }

    public DoubleProperty beta1Property() {
        return beta1;
    }

    public DoubleProperty beta2Property() {
        return beta2;
    }

    public DoubleProperty adamEpsProperty() {
        return adamEps;
    }

    public ReadOnlyObjectProperty<TrainingJob.State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusLineProperty() {
        return statusLine.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The model the scene shows, as a checkpoint (after training, or as loaded); null before any. */
    public ReadOnlyObjectProperty<Checkpoint> checkpointProperty() {
        return checkpoint.getReadOnlyProperty();
    }

    /** The last run's outcome (its steps and training time among it); null before the first run ends. */
    public ReadOnlyObjectProperty<TrainingResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ObservableList<LossPoint> losses() {
        return losses;
    }

    /** The scene's refreshes during training, each with its weights' step and its W2 (filled in when measured). */
    public ObservableList<LiveSample> liveSamples() {
        return liveSamples;
    }

    public boolean isRunning() {
        TrainingJob.State s = state.get();
        return s == TrainingJob.State.RUNNING || s == TrainingJob.State.PAUSED;
    }

    /** The settings as a validated configuration (throws with a user-facing message when invalid). */
    public TrainingConfig config() {
        MlpSpec net = new MlpSpec(width.get(), depth.get(), activation.get(),
                embedding.get() == TimeEmbedding.Kind.RAW ? TimeEmbedding.RAW_T : TimeEmbedding.sinusoidal(embeddingDim.get()),
                target.get());
        if (conditional.get()) {
            DataSet data = scene.dataSetProperty().get();
            if (data == null || !data.points().hasLabels()) {
                throw new IllegalArgumentException("“conditional on labels” needs data with class labels (the "
                        + "gaussians, moons, rings, a CSV with a third column, a drawing of several strokes)");
            }
            net = net.withClasses(data.points().classes());
        }
        return TrainingConfig.fast(new ScheduleSpec(schedule.get(), sigmaMax.get())).toBuilder()
                .network(net).objective(objective.get()).weighting(weighting.get()).timeSampling(timeSampling.get()).batching(batching.get())
                .learningRate(learningRate.get()).steps(steps.get()).batchSize(batchSize.get()).seed(seed.get())
                .emaDecay(ema.get()).clipNorm(clip.get()).adam(beta1.get(), beta2.get(), adamEps.get())
                .optimiserSchedule(optimiserSchedule.get()).build();
    }

    /** Fills the settings from a configuration (the "paper setup" button, presets, loaded models). */
    public void apply(TrainingConfig c) {
        schedule.set(c.schedule().kind());
        sigmaMax.set(c.schedule().sigmaMax());
        width.set(c.network().width());
        depth.set(c.network().depth());
        activation.set(c.network().activation());
        embedding.set(c.network().embedding().kind());
        if (c.network().embedding().kind() == TimeEmbedding.Kind.SINUSOIDAL) {
            embeddingDim.set(c.network().embedding().dim());
        }
        target.set(c.network().target());
        conditional.set(c.network().conditional());
        weighting.set(c.weighting());
        objective.set(c.objective());
        timeSampling.set(c.timeSampling());
        batching.set(c.batching());
        learningRate.set(c.learningRate());
        steps.set(c.steps());
        batchSize.set(c.batchSize());
        seed.set(c.seed());
        ema.set(c.emaDecay());
        clip.set(c.clipNorm());
        beta1.set(c.beta1());
        beta2.set(c.beta2());
        adamEps.set(c.adamEps());
        optimiserSchedule.set(c.optimiserSchedule());
    }

    /** The paper's setup (MATH.md §2): raw-t 3×128 score network, g² weighting on the 1000-point grid. */
    public void applyPaperSetup() {
        TrainingConfig paper = TrainingConfig.paper(new ScheduleSpec(schedule.get(), sigmaMax.get()));
        DataSet data = scene.dataSetProperty().get();
        int n = data == null ? TrainingConfig.PAPER_DATA_SIZE : data.size();
        apply(paper.withSteps(TrainingConfig.stepsForEpochs(TrainingConfig.PAPER_EPOCHS, n, paper.batchSize())));
    }

    public void applyDefaults() {
        apply(TrainingConfig.fast(new ScheduleSpec(schedule.get(), sigmaMax.get())));
    }

    // ---- actions -----------------------------------------------------------------------------

    /** Starts training on the scene's current data set; returns false with a message when it cannot. */
    public boolean train() {
        return start(false);
    }

    /**
     * Trains on from the weights of the scene's model (trained or loaded) with the current settings: what a
     * change of the learning rate, batch size, EMA, clipping or Adam's constants means. The network and
     * the schedule must be the model's ({@link #continuationBlocker()}); the loss curve goes on.
     */
    public boolean continueTraining() {
        return start(true);
    }

    /**
     * Why training cannot go on from the current weights (no model, or its network or schedule differs
     * from the settings: then only starting over fits the settings); empty when it can.
     */
    public java.util.Optional<String> continuationBlocker() {
        Checkpoint cp = checkpoint.get();
        if (cp == null) {
            return java.util.Optional.of("there is no trained or loaded model to go on from");
        }
        TrainingConfig c;
        try {
            c = config();
        } catch (IllegalArgumentException e) {
            return java.util.Optional.of(e.getMessage());
        }
        if (!cp.network().spec().equals(c.network())) {
            return java.util.Optional.of("the network settings differ from the model's (" + cp.network().spec().depth()
                    + "×" + cp.network().spec().width() + "); its weights do not fit them");
        }
        if (!cp.schedule().equals(c.schedule())) {
            return java.util.Optional.of("the schedule differs from the model's (" + cp.schedule().kind() + ")");
        }
        return java.util.Optional.empty();
    }

    /**
     * While a run goes: stops it and goes on from the weights it reached with the current settings (an
     * optimiser setting changed mid-run). Does nothing when no run goes.
     */
    public void continueWithNewSettings() {
        stopThen(this::continueTraining);
    }

    /**
     * While a run goes: stops it and starts over from fresh weights with the current settings (the network
     * or the schedule changed mid-run; the window asks first). Does nothing when no run goes.
     */
    public void startOverWithNewSettings() {
        stopThen(this::train);
    }

    private void stopThen(Runnable next) {
        if (job != null && isRunning()) {
            whenStopped = next;
            job.cancel();
        }
    }

    private boolean start(boolean fromCurrentWeights) {
        if (isRunning()) {
            error.set("a training run is already going; stop it first");
            return false;
        }
        DataSet data = scene.dataSetProperty().get();
        if (data == null) {
            error.set("choose, import or draw a data set first");
            return false;
        }
        TrainingConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return false;
        }
        org.diffusionplayground.model.score.Mlp from = null;
        if (fromCurrentWeights) {
            java.util.Optional<String> blocker = continuationBlocker();
            if (blocker.isPresent()) {
                error.set("cannot continue: " + blocker.get());
                return false;
            }
            from = checkpoint.get().network();
            stepOffset = losses.isEmpty() ? 0 : losses.get(losses.size() - 1).step();
        } else {
            losses.clear();
            liveSamples.clear();
            stepOffset = 0;
        }
        error.set("");
        warning.set("");
        progress.set(0);
        trainingData = data;
        Schedule trainingSchedule = config.schedule().build();
        long offset = stepOffset;
        liveReference = SampleQuality.reference(data, LIVE_W2_POINTS, config.seed());
        goLive();
        job = new TrainingJob(config, data.points(), JobOptions.live(), from);
        job.addListener(new TrainingListener() {
            @Override
            public void onStateChanged(TrainingJob.State s) {
                ui.execute(() -> state.set(s));
            }

            @Override
            public void onProgress(TrainingProgress p) {
                ui.execute(() -> {
                    progress.set(p.fraction());
                    losses.add(new LossPoint(offset + p.step(), p.loss(), p.smoothedLoss()));
                    statusLine.set(String.format(Locale.ROOT, "step %,d / %,d  ·  loss %.4g  ·  %.0f steps/s  ·  ETA %s",
                            p.step(), p.totalSteps(), p.smoothedLoss(), p.stepsPerSecond(), eta(p.etaSeconds())));
                });
            }

            @Override
            public void onSnapshot(ModelSnapshot s) {
                NetworkScore score = new NetworkScore(s.mlp(), trainingSchedule);
                ui.execute(() -> {
                    if (!isRunning()) {
                        return; // a late snapshot after the end: the final model is already shown
                    }
                    if (scene.activity().busyProperty().get()) {
                        pendingSnapshot = score;
                        pendingSchedule = trainingSchedule;
                        pendingWeights = s;
                    } else {
                        showLive(trainingSchedule, score, s);
                    }
                });
            }

            @Override
            public void onWarning(String message) {
                ui.execute(() -> warning.set(message));
            }

            @Override
            public void onFinished(TrainingResult r) {
                ui.execute(() -> finished(r, trainingSchedule, "trained"));
            }

            @Override
            public void onCancelled(TrainingResult partial) {
                ui.execute(() -> {
                    finished(partial, trainingSchedule, "stopped early");
                    Runnable next = whenStopped;
                    whenStopped = null;
                    if (next != null) {
                        // after the state change queued before this one: the run counts as stopped
                        ui.execute(next);
                    }
                });
            }

            @Override
            public void onFailed(String message, Throwable cause) {
                ui.execute(() -> {
                    endLive();
                    error.set("training failed: " + message);
                    state.set(TrainingJob.State.FAILED);
                });
            }
        });
        state.set(TrainingJob.State.RUNNING);
        Thread t = new Thread(job, "training");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
        return true;
    }

    private void finished(TrainingResult r, Schedule trainingSchedule, String how) {
        endLive();
        result.set(r);
        if (r != null && r.steps() > 0) {
            show(trainingSchedule, new NetworkScore(r.model(), trainingSchedule));
            checkpoint.set(Checkpoint.of(r, trainingData, org.diffusionplayground.model.util.AppVersion.get()));
            statusLine.set(String.format(Locale.ROOT, "%s: %,d steps in %.1f s, final loss %.4g%s", how, r.steps(),
                    r.seconds(), r.finalLoss(), r.rollbacks() > 0 ? ", " + r.rollbacks() + " rollbacks" : ""));
        }
        progress.set(1);
    }

    /**
     * The scene follows the training: it samples each snapshot with its thinned live settings, and in the
     * backward sweep it holds at t_min, where the samples are, so the data's shape is seen to appear.
     */
    private void goLive() {
        scene.liveProperty().set(true);
        if (scene.modeProperty().get() == SceneMode.BACKWARD) {
            scene.playback().playingProperty().set(false);
            scene.timeProperty().set(scene.tMin());
        }
    }

    /** Back to the scene's full settings (the final model is sampled with them). */
    private void endLive() {
        pendingSnapshot = null;
        pendingWeights = null;
        liveWeights = null;
        liveScore = null;
        scene.liveProperty().set(false);
    }

    private void showLive(Schedule s, NetworkScore score, ModelSnapshot weights) {
        liveWeights = weights;
        liveScore = score;
        show(s, score);
    }

    /** Records a refresh when the samples of the newest snapshot reach the scene, and measures their W2. */
    private void liveSamplesArrived(SampledPaths run) {
        if (run == null || !run.complete() || liveScore == null || run.process().score() != liveScore) {
            return;
        }
        ModelSnapshot weights = liveWeights;
        liveScore = null;
        liveWeights = null;
        if (job != null) {
            job.snapshotShown(weights.step()); // the training goes on (JobOptions.live: it waits for the view)
        }
        LiveSample sample = new LiveSample(stepOffset + weights.step(), weights.trainingSeconds(), Double.NaN);
        liveSamples.add(sample);
        PointSet reference = liveReference;
        int n = Math.min(reference.size(), run.particles());
        // one measurement at a time: while one runs, a refresh goes without its W2 rather than queueing work
        if (run.diverged() > 0 || n < 2 || !measuring.compareAndSet(false, true)) {
            return;
        }
        double[] samples = java.util.Arrays.copyOf(run.finalPositions(), 2 * n);
        if (measurer == null) {
            measurer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "running-w2");
                t.setDaemon(true);
                t.setPriority(Thread.NORM_PRIORITY - 1);
                return t;
            });
        }
        measurer.execute(() -> {
            double w2;
            try {
                w2 = Wasserstein.exact(PointSet.of(samples), reference.slice(0, n));
            } catch (RuntimeException e) {
                w2 = Double.NaN; // a sample off to infinity: no distance, the refresh stays on the chart without one
            } finally {
                measuring.set(false);
            }
            double value = w2;
            ui.execute(() -> {
                int i = liveSamples.lastIndexOf(sample);
                if (i >= 0) {
                    liveSamples.set(i, sample.withW2(value));
                }
            });
        });
    }

    private void show(Schedule s, NetworkScore score) {
        if (scene.scheduleProperty().get() == null || !scene.scheduleProperty().get().spec().equals(s.spec())) {
            scene.scheduleProperty().set(s);
        }
        scene.scoreProperty().set(score);
    }

    public void pause() {
        if (job != null) {
            job.pause();
        }
    }

    public void resume() {
        if (job != null) {
            job.resume();
        }
    }

    public void stop() {
        if (job != null) {
            job.cancel();
        }
    }

    /**
     * Loads a checkpoint file (its .safetensors, its .json or their common base) off the UI thread and
     * makes it the scene's model; a bad file leaves everything as it was and says why.
     */
    public void loadFile(Path file) {
        loadInBackground(file.getFileName().toString(), () -> CheckpointIO.load(file));
    }

    /** Loads one of the bundled pretrained models (see {@link PretrainedModel}). */
    public void loadPretrained(PretrainedModel model) {
        loadInBackground(model.id(), model::load);
    }

    @FunctionalInterface
    private interface CheckpointSource {
        Checkpoint read() throws CheckpointException;
    }

    private void loadInBackground(String name, CheckpointSource source) {
        if (isRunning()) {
            error.set("stop the training before loading another model");
            return;
        }
        statusLine.set("loading " + name + " …");
        Thread t = new Thread(() -> {
            try {
                Checkpoint cp = source.read();
                ui.execute(() -> {
                    if (isRunning()) {
                        error.set("training started while " + name + " was loading; it was not loaded");
                        return;
                    }
                    error.set("");
                    load(cp);
                });
            } catch (CheckpointException | RuntimeException e) {
                String message = Jobs.message(e);
                ui.execute(() -> {
                    error.set("could not load " + name + ": " + message);
                    statusLine.set("");
                });
            }
        }, "load-model");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Saves the model the scene shows (its weights and card) to {@code file} (.safetensors or .json, or
     * their base); returns false with the reason in {@link #errorProperty()} when it cannot.
     */
    public boolean save(Path file) {
        Checkpoint cp = checkpoint.get();
        if (cp == null) {
            error.set("there is no trained or loaded model to save");
            return false;
        }
        try {
            Path written = CheckpointIO.save(CheckpointIO.baseOf(file), cp);
            error.set("");
            statusLine.set("saved " + written.getFileName() + " and its card");
            return true;
        } catch (CheckpointException e) {
            error.set(e.getMessage());
            return false;
        }
    }

    /** Makes a loaded checkpoint the scene's model and its data the scene's data. */
    public void load(Checkpoint cp) {
        Schedule s = cp.schedule().build();
        ModelCard card = cp.card();
        if (cp.dataSource() != null) {
            scene.dataSetProperty().set(DataSet.of(cp.dataSource()));
        }
        trainingData = scene.dataSetProperty().get();
        show(s, new NetworkScore(cp.network(), s));
        schedule.set(s.spec().kind());
        sigmaMax.set(s.spec().sigmaMax());
        MlpSpec net = card.network().toSpec();
        width.set(net.width());
        depth.set(net.depth());
        activation.set(net.activation());
        embedding.set(net.embedding().kind());
        if (net.embedding().kind() == TimeEmbedding.Kind.SINUSOIDAL) {
            embeddingDim.set(net.embedding().dim());
        }
        target.set(net.target());
        conditional.set(net.conditional());
        ModelCard.Training t = card.training();
        if (t != null) { // the settings it was trained with, so "Train" repeats or continues the recipe
            weighting.set(t.weighting());
            objective.set(t.objectiveOrDsm());
            timeSampling.set(t.timeSampling());
            batching.set(t.batching());
            batchSize.set(t.batchSize());
            learningRate.set(t.learningRate());
            steps.set(t.steps());
            ema.set(t.emaDecay());
            clip.set(t.clipNorm());
            optimiserSchedule.set(t.optimiserScheduleOrConstant());
            if (t.adamEps() > 0) { // cards written before Adam's constants were recorded keep the defaults
                beta1.set(t.beta1());
                beta2.set(t.beta2());
                adamEps.set(t.adamEps());
            }
        }
        seed.set(card.seed());
        progress.set(0);
        checkpoint.set(cp);
        losses.clear();
        liveSamples.clear();
        statusLine.set(String.format(Locale.ROOT, "loaded: %s, %,d steps, final loss %.4g", net.depth() + "×" + net.width()
                + " " + net.activation() + " " + net.target(), card.stepsTrained(), card.finalLoss()));
    }

    static String eta(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "—";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + " s";
    }
}
