package org.diffusionplayground.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.diffusionplayground.bench.MachineInfo;
import org.diffusionplayground.bench.QualityTarget;
import org.diffusionplayground.bench.TimeToQuality;
import org.diffusionplayground.model.assets.BundledAssets;
import org.diffusionplayground.model.data.CsvPoints;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.DataSource;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.train.Nd4jSetup;
import org.diffusionplayground.model.train.TrainingConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code playground bench-quality}: time to a good picture (docs/benchmarks.md). For each data set, trains
 * as "Train" does and records the steps and the training time until the samples' W2 to held-out data is within
 * 10 % of what the paper's 80 000 steps reach ({@link QualityTarget}); with {@code --reference}, runs the
 * paper's training itself and prints that reference value.
 */
@Command(name = "bench-quality", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure the time and steps from \"Train\" to samples within 10 %% of the W2 the paper's "
                + "80 000 steps reach.",
        footer = {"", "Examples:",
            "  playground bench-quality                                   # the app's recipe, 5 data sets, 3 runs",
            "  playground bench-quality --recipe paper --max-steps 20000 --datasets 8gaussians",
            "  playground bench-quality --reference --datasets moons      # the 80 000-step reference (minutes)"})
public final class BenchQualityCommand implements Callable<Integer> {

    /** The drawn shape of the benchmark: a heart drawn as a point cloud (assets/README.md). */
    static final String HEART = "heart";
    private static final String HEART_FILE = "lecture/heart.csv";

    /** Which training to time. */
    enum Recipe {
        /** The app's recipe ({@link TrainingConfig#fast}). */
        APP,
        /** The paper's setup ({@link TrainingConfig#paper}). */
        PAPER
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--datasets", paramLabel = "NAMES", split = ",",
            defaultValue = "swissroll,8gaussians,moons,checkerboard,heart",
            description = "data sets, comma-separated: built-in names or heart (the drawn heart); default: "
                    + "${DEFAULT-VALUE}")
    List<String> datasets;

    @Option(names = "--recipe", paramLabel = "R", defaultValue = "APP",
            description = "APP (the app's defaults, default) or PAPER (the paper's setup)")
    Recipe recipe;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
            description = "runs per data set (default 3)")
    int runs;

    @Option(names = "--first-seed", paramLabel = "S", defaultValue = "1",
            description = "training seed of the first run (default 1): runs use S, S+1, ...")
    long firstSeed;

    @Option(names = "--every", paramLabel = "N", defaultValue = "250",
            description = "steps between W2 checks (default 250)")
    long every;

    @Option(names = "--max-steps", paramLabel = "N",
            description = "steps of each run (default: the recipe's own; the paper's: 20000)")
    Long maxSteps;

    @Option(names = "--reference", description = "run the paper's training for 80 000 steps (seed 0) and print "
            + "the reference W2 of each data set: the median of its checks over the last quarter")
    boolean reference;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        if (runs < 1 || every < 1) {
            throw usage("--runs and --every must be at least 1");
        }
        Nd4jSetup.ensure();
        MachineInfo machine = MachineInfo.probe();
        out.printf(Locale.ROOT, "machine: %s; %s; %d cores; OpenBLAS threads %d; %s%n", machine.cpu(), machine.jdk(),
                MachineInfo.cores(), Nd4jSetup.blasThreads(), machine.environment());
        out.printf(Locale.ROOT, "load average before: %s%n", machine.loadBefore());
        out.printf(Locale.ROOT, "probe: %d samples, exponential integrator, %d log-SNR steps, 𝔥 = 1, against %d "
                + "held-out points; target W2 = reference × %.2f%n", QualityTarget.SAMPLES,
                QualityTarget.SAMPLER_STEPS, QualityTarget.SAMPLES, QualityTarget.target(1));
        List<DataSet> sets = new ArrayList<>();
        for (String name : datasets) {
            sets.add(load(name));
        }
        warmUp(sets.get(0));
        if (reference) {
            for (int i = 0; i < sets.size(); i++) {
                reference(out, datasets.get(i).toLowerCase(Locale.ROOT), sets.get(i));
            }
        } else {
            Map<String, Double> refs = QualityTarget.storedReferences();
            for (int i = 0; i < sets.size(); i++) {
                String name = datasets.get(i).toLowerCase(Locale.ROOT);
                Double ref = refs.get(name);
                if (ref == null) {
                    throw usage("no reference W2 is stored for " + name + "; compute it with "
                            + "'playground bench-quality --reference --datasets " + name + "'");
                }
                timeToQuality(out, name, sets.get(i), ref);
            }
        }
        out.printf(Locale.ROOT, "load average after: %s%n", MachineInfo.loadAverage());
        return 0;
    }

    private TrainingConfig config(long seed, long steps) {
        ScheduleSpec schedule = ScheduleSpec.of(ScheduleKind.SIMPLE);
        TrainingConfig base = recipe == Recipe.PAPER ? TrainingConfig.paper(schedule) : TrainingConfig.fast(schedule);
        return base.toBuilder().seed(seed).steps(steps).build();
    }

    private long steps() {
        if (maxSteps != null) {
            return maxSteps;
        }
        return recipe == Recipe.PAPER ? 20_000 : TrainingConfig.fast(ScheduleSpec.of(ScheduleKind.SIMPLE)).steps();
    }

    /** A short untimed run first: the JIT and the native libraries warm up, as in a window that has sampled. */
    private void warmUp(DataSet data) {
        TimeToQuality.run(config(0, 300), data, QualityTarget.probe(data, ScheduleSpec.of(ScheduleKind.SIMPLE).build()),
                300, 0, false);
    }

    private void timeToQuality(PrintStream out, String name, DataSet data, double referenceW2) {
        double target = QualityTarget.target(referenceW2);
        long steps = steps();
        out.printf(Locale.ROOT, "%n%s (%d points), %s recipe: %s%n  reference W2 %.4f, target ≤ %.4f%n", name,
                data.size(), recipe, config(1, steps).summary(), referenceW2, target);
        double[] reachedSteps = new double[runs];
        double[] reachedSeconds = new double[runs];
        double[] perStep = new double[runs];
        for (int r = 0; r < runs; r++) {
            TrainingConfig c = config(firstSeed + r, steps);
            TimeToQuality.Run run = TimeToQuality.run(c, data, QualityTarget.probe(data, c.schedule().build()), every,
                    target, true);
            reachedSteps[r] = run.reached() ? run.reachedStep() : Double.NaN;
            reachedSeconds[r] = run.reached() ? run.reachedSeconds() : Double.NaN;
            perStep[r] = run.secondsPerStep();
            out.printf(Locale.ROOT, "  seed %d: %s; %.2f ms/step; %d checks took %.1f s (excluded); W2 by step:%s%n",
                    firstSeed + r, run.reached() ? String.format(Locale.ROOT, "W2 %.4f at step %d after %.1f s of training",
                            last(run).w2(), run.reachedStep(), run.reachedSeconds())
                            : String.format(Locale.ROOT, "not reached in %d steps (last W2 %.4f)", run.steps(),
                            last(run).w2()),
                    1e3 * run.secondsPerStep(), run.checks().size(), run.probeSeconds(), curve(run));
        }
        out.printf(Locale.ROOT, "  median of %d: %s steps, %s s of training (%.2f ms/step under load %s)%n", runs,
                fmt0(median(reachedSteps)), fmt(median(reachedSeconds)), 1e3 * median(perStep),
                MachineInfo.loadAverage());
    }

    private void reference(PrintStream out, String name, DataSet data) {
        long steps = QualityTarget.REFERENCE_STEPS;
        ScheduleSpec schedule = ScheduleSpec.of(ScheduleKind.SIMPLE);
        TrainingConfig c = TrainingConfig.paper(schedule).withSteps(steps);
        out.printf(Locale.ROOT, "%n%s (%d points), reference: %s%n", name, data.size(), c.summary());
        TimeToQuality.Run run = TimeToQuality.run(c, data, QualityTarget.probe(data, schedule.build()),
                QualityTarget.REFERENCE_EVERY, 0, false);
        double ref = QualityTarget.referenceValue(run.checks(), steps);
        out.printf(Locale.ROOT, "  W2 by step:%s%n  %.1f s of training (%.2f ms/step), checks %.1f s%n", curve(run),
                run.trainingSeconds(), 1e3 * run.secondsPerStep(), run.probeSeconds());
        out.printf(Locale.ROOT, "  reference (median over the last quarter): %s,%.4f%n", name, ref);
    }

    private static TimeToQuality.Check last(TimeToQuality.Run run) {
        return run.checks().get(run.checks().size() - 1);
    }

    private static String curve(TimeToQuality.Run run) {
        StringBuilder sb = new StringBuilder();
        for (TimeToQuality.Check c : run.checks()) {
            sb.append(String.format(Locale.ROOT, " %d:%.4f@%.1fs", c.step(), c.w2(), c.trainingSeconds()));
        }
        return sb.toString();
    }

    /** Median ignoring NaN (a run that did not reach the target); NaN when fewer than half reached it. */
    static double median(double[] v) {
        double[] s = Arrays.stream(v).sorted().toArray(); // NaN sorts last: an unreached run counts as the slowest
        return s[(s.length - 1) / 2];
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String fmt0(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.0f", v);
    }

    private DataSet load(String name) {
        if (name.equalsIgnoreCase(HEART)) {
            try {
                return DataSet.of(new DataSource.Imported("heart.csv",
                        CsvPoints.read(BundledAssets.locate(HEART_FILE)).standardised()));
            } catch (IOException | IllegalArgumentException e) {
                throw usage("cannot read the bundled heart (" + HEART_FILE + "): " + e.getMessage());
            }
        }
        ToyData kind;
        try {
            kind = new DatasetName.Converter().convert(name);
        } catch (CommandLine.TypeConversionException e) {
            throw usage(e.getMessage().replace("choose one of ", "choose one of " + HEART + ", "));
        }
        return DataSet.builtIn(kind, QualityTarget.DATA_SIZE, QualityTarget.DATA_SEED);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
