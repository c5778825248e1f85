package org.diffusionplayground.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.checkpoint.CheckpointException;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.GaussianMixture;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.lab.LabOptions;
import org.diffusionplayground.model.lab.LabReport;
import org.diffusionplayground.model.lab.LabTable;
import org.diffusionplayground.model.lab.LabSampler;
import org.diffusionplayground.model.lab.SamplerLab;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.util.AtomicFiles;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.ProgressListener;
import org.diffusionplayground.scene.SolverChoice;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code playground samplers}: the sampler lab ({@link SamplerLab}, docs/MATH.md §3.4) on the command line.
 * Every fixed-step solver of the window at every budget of score evaluations, from the same x_T with the same
 * noise; W2 and MMD² to the data, and with the exact score of a Gaussian mixture the sampler's own error
 * against the exact answer, apart from the network's.
 */
@Command(name = "samplers", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compare the samplers at equal budgets of score evaluations (NFE): W2 and MMD² to the data, "
                + "and the error against the exact answer where the data's score is exact (Gaussian mixtures).",
        footer = {"", "Examples:",
            "  playground samplers                                   # exact score of the 25 gaussians, SIMPLE",
            "  playground samplers --data 8gaussians --schedule COSINE --nfe 8,16,32,64,128 --csv lab.csv",
            "  playground samplers --model 25gaussians-cosine        # a network: its error apart from the sampler's",
            "  playground samplers --h 1 --particles 2000            # the reverse SDE: distances to the exact law"})
public final class SamplersCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "ID|PATH",
            description = "a bundled model's id (${COMPLETION-CANDIDATES}) or a checkpoint; without it the exact "
                    + "score of --data is the model",
            completionCandidates = ModelArgument.BundledIds.class)
    String model;

    @Option(names = "--data", paramLabel = "NAME", converter = DatasetName.Converter.class, defaultValue = "25gaussians",
            description = "data whose exact score is the model when no --model is given: 25gaussians (default) or 8gaussians")
    ToyData data;

    @Option(names = "--schedule", paramLabel = "KIND", defaultValue = "SIMPLE",
            description = "forward schedule of the exact score (no --model): ${COMPLETION-CANDIDATES} (default SIMPLE)")
    ScheduleKind schedule;

    @Option(names = "--nfe", split = ",", paramLabel = "N", defaultValue = "10,20,50,100,200",
            description = "budgets of score evaluations per particle (default 10,20,50,100,200)")
    int[] budgets;

    @Option(names = "--particles", paramLabel = "N", defaultValue = "4000", description = "particles (default 4000)")
    int particles;

    @Option(names = "--metric-points", paramLabel = "N", defaultValue = "500",
            description = "samples entering W2 (exact assignment, cost ∝ N³), MMD² and the error against the reference "
                    + "solve (default 500)")
    int metricPoints;

    @Option(names = "--seed", paramLabel = "K", defaultValue = "1", description = "seed of x_T and of the noise (default 1)")
    long seed;

    @Option(names = "--h", paramLabel = "H", defaultValue = "0",
            description = "𝔥 of the reverse process (default 0, the probability-flow ODE)")
    double h;

    @Option(names = "--csv", paramLabel = "FILE", description = "also write the table as CSV")
    Path csv;

    @Option(names = "--force", description = "replace --csv if it exists")
    boolean force;

    @Option(names = "--quiet", description = "no progress lines")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        LabOptions options = options();
        if (csv != null) {
            AtomicFiles.check(csv, force ? AtomicFiles.Existing.REPLACE : AtomicFiles.Existing.REFUSE);
        }
        Schedule sched;
        ScoreModel score;
        MixtureScore exact;
        DataSet dataSet;
        String modelName;
        if (model != null) {
            Checkpoint cp = ModelArgument.load(model);
            if (cp.dataSource() == null) {
                throw new CheckpointException(model + ": the checkpoint does not say what data it was trained on");
            }
            dataSet = DataSet.of(cp.dataSource());
            sched = cp.schedule().build();
            score = new NetworkScore(cp.network(), sched);
            GaussianMixture mixture = dataSet.mixture().orElse(null);
            exact = mixture == null ? null : new MixtureScore(mixture, sched, "exact score");
            modelName = model;
        } else {
            GaussianMixture mixture = data.mixture().orElseThrow(() -> usage("--data " + DatasetName.of(data)
                    + " has no exact score; use 25gaussians or 8gaussians, or give a trained --model"));
            sched = ScheduleSpec.of(schedule).build();
            exact = new MixtureScore(mixture, sched, "exact score");
            score = exact;
            dataSet = DataSet.builtIn(data, options.particles(), seed);
            modelName = "exact score";
        }
        List<LabSampler> samplers = SolverChoice.labChoices(h).stream().map(c -> c.labSampler(h)).toList();
        PrintStream err = System.err;
        ProgressLine line = new ProgressLine(err, System.console() != null);
        ProgressListener progress = quiet ? ProgressListener.NONE
                : (f, m) -> line.update(String.format(Locale.ROOT, "%3.0f%%  %s", 100 * f, m), f >= 1);
        LabReport report = new SamplerLab(sched, score, exact, dataSet, options).run(samplers, progress,
                Cancellation.NEVER);
        line.finish();
        PrintWriter out = spec.commandLine().getOut();
        out.print(LabTable.text(report, modelName, dataSet.name(), sched.name(), options));
        if (csv != null) {
            AtomicFiles.write(csv, LabTable.csv(report, modelName, dataSet.name(), sched.name(), options)
                    .getBytes(StandardCharsets.UTF_8), force ? AtomicFiles.Existing.REPLACE : AtomicFiles.Existing.REFUSE);
            out.println("wrote " + csv);
        }
        out.flush();
        return 0;
    }

    private LabOptions options() {
        try {
            return new LabOptions(budgets, particles, seed, h, metricPoints);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
