package org.diffusionplayground.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.checkpoint.CheckpointIO;
import org.diffusionplayground.model.data.CsvPoints;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.DataSource;
import org.diffusionplayground.model.data.InvalidDataException;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.metrics.QualityProbe;
import org.diffusionplayground.model.metrics.SampleQuality;
import org.diffusionplayground.model.metrics.Wasserstein;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.Activation;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.Target;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.diffusionplayground.model.train.Batching;
import org.diffusionplayground.model.train.ModelSnapshot;
import org.diffusionplayground.model.train.Objective;
import org.diffusionplayground.model.train.OptimiserSchedule;
import org.diffusionplayground.model.train.TimeSampling;
import org.diffusionplayground.model.train.TrainingConfig;
import org.diffusionplayground.model.train.TrainingListener;
import org.diffusionplayground.model.train.Weighting;
import org.diffusionplayground.scene.SolverChoice;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code playground train}: trains a score network and writes {@code DIR/NAME.safetensors} and
 * {@code DIR/NAME.json} (NAME defaults to {@code model}). Options left out keep the values of the base setup (the app's defaults, or
 * the paper's with {@code --paper}). Ctrl-C cancels between two steps and saves nothing.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a score network by score matching (denoising by default; implicit or sliced with "
                + "--objective) and save it (safetensors + JSON card).",
        footer = {"", "Examples:",
            "  playground train --dataset swissroll --schedule SIMPLE --steps 20000 --seed 1 --out runs/swiss",
            "  playground train --paper --dataset 25gaussians --schedule COSINE --out runs/paper-25g",
            "  playground train --dataset 8gaussians --conditional --steps 4000 --out runs/8g-conditional",
            "  playground train --dataset swissroll --size 3000 --steps 20000 --seed 1 --out assets/checkpoints "
                + "--name swissroll-simple --force"})
public final class TrainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    DataChoice data;

    static final class DataChoice {
        @Option(names = "--dataset", paramLabel = "NAME", converter = DatasetName.Converter.class,
                description = "built-in data set: swissroll, 25gaussians, 8gaussians, moons, rings, checkerboard, "
                        + "pinwheel, spirals")
        ToyData dataset;

        @Option(names = "--csv", paramLabel = "FILE", description = "points from a CSV file (x,y per line)")
        Path csv;
    }

    @Option(names = "--size", paramLabel = "N",
            description = "points generated for a built-in data set (default 10000; 3000 with --paper)")
    Integer size;

    @Option(names = "--data-seed", paramLabel = "S", defaultValue = "0", description = "seed of the data generator")
    long dataSeed;

    @Option(names = "--standardise", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "centre and scale CSV points to unit spread (default: yes)")
    boolean standardise;

    @Option(names = "--schedule", paramLabel = "KIND", defaultValue = "SIMPLE",
            description = "forward process: ${COMPLETION-CANDIDATES} (default SIMPLE; LINEAR is the interpolant of "
                    + "rectified flow, train it with --target VELOCITY --weighting FLOW_MATCHING for flow matching)")
    ScheduleKind schedule;

    @Option(names = "--sigma-max", paramLabel = "X", description = "σ_max of the VE schedule (default 8)")
    Double sigmaMax;

    @Option(names = "--paper", description = "the paper's exact setup: raw-t 3×128 SiLU score network, g² weighting "
            + "on the 1000-point grid, Adam 1e-3, batch 512, epochs of 3000 points, 16000 epochs")
    boolean paper;

    @Option(names = "--steps", paramLabel = "N", description = "optimiser steps")
    Long steps;

    @Option(names = "--epochs", paramLabel = "N", description = "passes over the data instead of --steps "
            + "(⌊size / batch⌋ steps each)")
    Long epochs;

    @Option(names = "--seed", paramLabel = "S", description = "training seed: initial weights, batches, t, noise")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "output directory")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "model",
            description = "base name of the two files written to DIR: NAME.safetensors and NAME.json (default model)")
    String name;

    @Option(names = "--force", description = "replace an existing model in DIR")
    boolean force;

    @Option(names = "--width", paramLabel = "N", description = "hidden units per layer")
    Integer width;

    @Option(names = "--depth", paramLabel = "N", description = "hidden layers")
    Integer depth;

    @Option(names = "--activation", paramLabel = "F", description = "SILU, SOFTPLUS or TANH")
    Activation activation;

    @Option(names = "--embedding", paramLabel = "KIND", description = "time embedding: RAW or SINUSOIDAL")
    TimeEmbedding.Kind embedding;

    @Option(names = "--embedding-dim", paramLabel = "N", description = "features of the sinusoidal embedding")
    Integer embeddingDim;

    @Option(names = "--target", paramLabel = "T", description = "network output: ${COMPLETION-CANDIDATES} (VELOCITY: the flow-matching velocity "
            + "dx_t/dt)")
    Target target;

    @Option(names = "--objective", paramLabel = "O", description = "DSM (denoising, default), ISM (implicit: exact "
            + "divergence) or SSM (sliced); ISM and SSM report their loss on the DSM scale")
    Objective objective;

    @Option(names = "--weighting", paramLabel = "W", description = "${COMPLETION-CANDIDATES} (FLOW_MATCHING: the velocity's own squared error)")
    Weighting weighting;

    @Option(names = "--time-sampling", paramLabel = "S", description = "UNIFORM or GRID_1000")
    TimeSampling timeSampling;

    @Option(names = "--batching", paramLabel = "B", description = "EPOCHS or WITH_REPLACEMENT")
    Batching batching;

    @Option(names = "--batch", paramLabel = "N", description = "batch size")
    Integer batch;

    @Option(names = "--lr", paramLabel = "X", description = "Adam learning rate")
    Double lr;

    @Option(names = "--adam", paramLabel = "β1,β2,ε", split = ",", description = "Adam β1, β2 and ε")
    double[] adam;

    @Option(names = "--clip", paramLabel = "X", description = "global gradient-norm clip, 0 = off")
    Double clip;

    @Option(names = "--ema", paramLabel = "X", description = "EMA decay of the weights, 0 = off")
    Double ema;

    @Option(names = "--conditional", description = "condition the network on the data's class labels (the modes of "
            + "the gaussians, the moons, the rings, a CSV's third column), with label dropout, for classifier-free "
            + "guidance (sample with --label and --guidance)")
    boolean conditional;

    @Option(names = "--lr-decay", paramLabel = "D", description = "learning rate after the warm-up: CONSTANT or "
            + "COSINE (half a cosine to --final-lr of the peak at the last step)")
    OptimiserSchedule.RateDecay lrDecay;

    @Option(names = "--warmup", paramLabel = "N", description = "steps of linear learning-rate warm-up, 0 = none")
    Long warmup;

    @Option(names = "--final-lr", paramLabel = "F", description = "the cosine's last rate as a fraction of the peak")
    Double finalLr;

    @Option(names = "--ema-warmup", negatable = true, description = "EMA decay min(--ema, (1+n)/(10+n)) at step n")
    Boolean emaWarmup;

    @Option(names = "--quiet", description = "no progress line")
    boolean quiet;

    @Option(names = "--w2-every", paramLabel = "N", defaultValue = "0",
            description = "every N steps and at the end, print W2 of samples of the current weights against held-out "
                    + "data, with the training time so far (0 = off)")
    long w2Every;

    @Option(names = "--w2-samples", paramLabel = "N", defaultValue = "1000",
            description = "samples and held-out points for --w2-every (default 1000, at most 2000)")
    int w2Samples;

    @Option(names = "--w2-steps", paramLabel = "N", defaultValue = "500",
            description = "sampler steps of those samples (default 500)")
    int w2Steps;

    @Option(names = "--w2-solver", paramLabel = "NAME", defaultValue = "EULER_MARUYAMA",
            description = "sampler of those samples with its step schedule: EULER_MARUYAMA (default, equal steps in t) "
                    + "or EXPONENTIAL (equal steps in log-SNR)")
    SolverChoice w2Solver;

    @Option(names = "--w2-h", paramLabel = "H", defaultValue = "1",
            description = "the 𝔥 of those samples (default 1, the reverse SDE)")
    double w2H;

    @Override
    public Integer call() throws Exception {
        DataSet dataSet = loadData();
        TrainingConfig config = buildConfig(dataSet.size());
        if (conditional) {
            if (!dataSet.points().hasLabels()) {
                throw usage("--conditional needs labelled data; " + dataSet.name() + " has no class labels (label a CSV "
                        + "with a third column)");
            }
            config = config.toBuilder().network(config.network().withClasses(dataSet.points().classes())).build();
        }
        if (name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw usage("--name must be a plain file name without directories, got '" + name + "'");
        }
        Path base = out.resolve(name);
        if (!force && (Files.exists(CheckpointIO.weightsFile(base)) || Files.exists(CheckpointIO.cardFile(base)))) {
            throw usage(CheckpointIO.weightsFile(base) + " exists; pass --force to replace it");
        }
        W2Monitor monitor = w2Every > 0 ? new W2Monitor(config, dataSet) : null;
        Checkpoint cp = TrainingRun.trainAndSave(config, dataSet, base, System.err, quiet, w2Every, monitor);
        if (cp == null) {
            return PlaygroundCli.EXIT_INTERRUPTED;
        }
        if (monitor != null) {
            monitor.report(config.steps(), cp.network());
        }
        return 0;
    }

    /**
     * W2 of the snapshots against held-out data while training runs (MATH.md §6.4): the time to train until
     * sample quality stops improving (docs/benchmarks.md). Evaluation time is not counted as training time.
     */
    private final class W2Monitor implements TrainingListener {

        private final QualityProbe probe;
        private final long start = System.nanoTime();
        private long evaluationNanos;

        W2Monitor(TrainingConfig config, DataSet dataSet) {
            if (w2Samples < 2 || w2Samples > Wasserstein.MAX_EXACT) {
                throw usage("--w2-samples must be between 2 and "
                        + Wasserstein.MAX_EXACT + ", got " + w2Samples);
            }
            try {
                Schedule schedule = config.schedule().build();
                probe = new QualityProbe(schedule, w2Solver.sampler(w2H, false),
                        TimeGrid.of(w2Solver.stepSchedule(), schedule, w2Steps), w2H, 1,
                        SampleQuality.reference(dataSet, w2Samples, config.seed()));
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
            if (!dataSet.hasGenerator()) {
                System.err.println("note: imported data has no held-out set; W2 is measured against the data itself");
            }
        }

        @Override
        public void onSnapshot(ModelSnapshot snapshot) {
            report(snapshot.step(), snapshot.mlp());
        }

        void report(long step, Mlp mlp) {
            long t0 = System.nanoTime();
            double trained = (t0 - start - evaluationNanos) / 1e9;
            SampleQuality.Distances d = probe.measure(mlp);
            evaluationNanos += System.nanoTime() - t0;
            spec.commandLine().getErr().printf(Locale.ROOT, "W2 at step %d: %.4f, MMD² %.2e (𝔥 = %s, %d samples, %d "
                    + "steps; %.1f s of training)%n", step, d.w2(), d.mmd2(), w2H, w2Samples, w2Steps, trained);
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private DataSet loadData() {
        if (data.csv != null) {
            if (size != null) {
                throw usage("--size applies to built-in data sets, not to --csv");
            }
            try {
                PointSet points = CsvPoints.read(data.csv);
                if (standardise) {
                    points = points.standardised();
                }
                return DataSet.of(new DataSource.Imported(data.csv.getFileName().toString(), points));
            } catch (InvalidDataException e) {
                throw usage(e.getMessage());
            } catch (IOException e) {
                throw usage("cannot read " + data.csv + ": " + e.getMessage());
            }
        }
        int n = size != null ? size : paper ? TrainingConfig.PAPER_DATA_SIZE : 10_000;
        try {
            return DataSet.builtIn(data.dataset, n, dataSeed);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** The base setup with every given option applied; invalid combinations become usage errors. */
    TrainingConfig buildConfig(int dataSize) {
        try {
            ScheduleSpec sched = sigmaMax != null ? new ScheduleSpec(schedule, sigmaMax) : ScheduleSpec.of(schedule);
            TrainingConfig base = paper ? TrainingConfig.paper(sched) : TrainingConfig.fast(sched);
            MlpSpec n = base.network();
            TimeEmbedding.Kind embKind = embedding != null ? embedding : n.embedding().kind();
            int embDim = embeddingDim != null ? embeddingDim
                    : embKind == n.embedding().kind() ? n.embedding().dim() : embKind == TimeEmbedding.Kind.RAW ? 1 : 32;
            MlpSpec net = new MlpSpec(width != null ? width : n.width(), depth != null ? depth : n.depth(),
                    activation != null ? activation : n.activation(), new TimeEmbedding(embKind, embDim),
                    target != null ? target : n.target());
            TrainingConfig.Builder b = base.toBuilder().network(net);
            if (objective != null) {
                b.objective(objective);
            }
            if (weighting != null) {
                b.weighting(weighting);
                if (weighting == Weighting.G2_IMPORTANCE && timeSampling == null) {
                    b.timeSampling(TimeSampling.UNIFORM);
                }
            }
            if (timeSampling != null) {
                b.timeSampling(timeSampling);
            }
            if (batching != null) {
                b.batching(batching);
            }
            if (batch != null) {
                b.batchSize(batch);
            }
            if (lr != null) {
                b.learningRate(lr);
            }
            if (adam != null) {
                if (adam.length != 3) {
                    throw usage("--adam needs three numbers β1,β2,ε, got " + adam.length);
                }
                b.adam(adam[0], adam[1], adam[2]);
            }
            if (clip != null) {
                b.clipNorm(clip);
            }
            if (ema != null) {
                b.emaDecay(ema);
            }
            if (seed != null) {
                b.seed(seed);
            }
            OptimiserSchedule os = base.optimiserSchedule();
            b.optimiserSchedule(new OptimiserSchedule(warmup != null ? warmup : os.warmupSteps(),
                    lrDecay != null ? lrDecay : os.decay(), finalLr != null ? finalLr : os.finalRateFraction(),
                    emaWarmup != null ? emaWarmup : os.emaWarmup()));
            TrainingConfig c = b.build();
            if (steps != null && epochs != null) {
                throw usage("give --steps or --epochs, not both");
            }
            if (epochs != null) {
                long s = TrainingConfig.stepsForEpochs(epochs, dataSize, c.batchSize());
                if (s < 1) {
                    throw usage(epochs + " epochs of " + dataSize + " points at batch " + c.batchSize()
                            + " make no full batch");
                }
                return c.withSteps(s);
            }
            if (steps != null) {
                return c.withSteps(steps);
            }
            if (paper) {
                return c.withSteps(TrainingConfig.stepsForEpochs(TrainingConfig.PAPER_EPOCHS, dataSize, c.batchSize()));
            }
            return c;
        } catch (CommandLine.ParameterException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }
}
