package org.diffusionplayground.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.checkpoint.CheckpointException;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.evaluation.GuidanceStudy;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ComponentClassScore;
import org.diffusionplayground.model.score.ConditionalScore;
import org.diffusionplayground.model.score.Guidance;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.scene.SolverChoice;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code playground guidance}: how classifier-free guidance trades diversity for precision, and how it meets
 * 𝔥 ({@link GuidanceStudy}, docs/MATH.md §8). For a conditional model, every class sampled at each guidance
 * scale w and each 𝔥 from the same noise; W2 to the class's held-out points and the share of samples off the
 * class's support. On a Gaussian mixture the same table with the exact class scores comes first: what guidance
 * does to a perfect model.
 */
@Command(name = "guidance", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Classifier-free guidance of a conditional model: W2 to each class and the share of samples off "
                + "the class's support, for each guidance scale w and 𝔥.",
        footer = {"", "Examples:",
            "  playground train --dataset 8gaussians --conditional --steps 4000 --out runs --name 8g-cond",
            "  playground guidance --model runs/8g-cond",
            "  playground guidance --model runs/8g-cond --w 0,0.5,1,2 --h 0,1,2 --particles 500"})
public final class GuidanceCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "PATH", required = true,
            description = "a conditional checkpoint (trained with train --conditional)")
    String model;

    @Option(names = "--w", split = ",", paramLabel = "W", defaultValue = "0,1,2,4,8",
            description = "guidance scales (default 0,1,2,4,8)")
    double[] ws;

    @Option(names = "--h", split = ",", paramLabel = "H", defaultValue = "0,1",
            description = "values of 𝔥 (default 0,1: the probability-flow ODE and the reverse SDE)")
    double[] hs;

    @Option(names = "--particles", paramLabel = "N", defaultValue = "300",
            description = "samples per class, and held-out points each class is measured against (default 300)")
    int particles;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "200", description = "sampler steps (default 200)")
    int steps;

    @Option(names = "--solver", paramLabel = "NAME", defaultValue = "EXPONENTIAL",
            description = "sampler with its step schedule (default EXPONENTIAL: equal steps in log-SNR, any 𝔥)")
    SolverChoice solver;

    @Option(names = "--seed", paramLabel = "K", defaultValue = "1", description = "seed of x_T and the noise (default 1)")
    long seed;

    @Override
    public Integer call() throws Exception {
        String problem = HValues.problem(hs, true);
        if (problem != null) {
            throw usage(problem.replace("--hs", "--h"));
        }
        for (double w : ws) {
            String p = Guidance.problemWithScale(w);
            if (p != null) {
                throw usage("--w: " + p + ", got " + w);
            }
        }
        if (particles < 2 || particles > org.diffusionplayground.model.metrics.Wasserstein.MAX_EXACT) {
            throw usage("--particles must be between 2 and "
                    + org.diffusionplayground.model.metrics.Wasserstein.MAX_EXACT + ", got " + particles);
        }
        Checkpoint cp = ModelArgument.load(model);
        if (!cp.network().spec().conditional()) {
            throw usage(model + " was trained without labels; train a conditional model with train --conditional");
        }
        if (cp.dataSource() == null) {
            throw new CheckpointException(model + ": the checkpoint does not say what data it was trained on");
        }
        DataSet data = DataSet.of(cp.dataSource());
        Schedule schedule = cp.schedule().build();
        TimeGrid grid;
        try {
            grid = TimeGrid.of(solver.stepSchedule(), schedule, steps);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Classifier-free guidance on %s (%d classes), %s, %s with %d steps, %d samples per "
                + "class, seed %d%n", data.name(), data.points().classes(), schedule.name(), solver, steps, particles,
                seed);
        out.println("s_w = (1 + w)·s(x, t, class) − w·s(x, t, ∅); W2 to the class's held-out points and the share of "
                + "samples off its support (> 3σ from every mode), averaged over the classes");
        if (data.mixture().isPresent() && data.points().classes() == data.mixture().get().components()) {
            print(out, "exact class scores", study(new ComponentClassScore(data.mixture().get(), schedule), schedule,
                    data, grid));
        }
        print(out, "network " + model, study(new NetworkScore(cp.network(), schedule), schedule, data, grid));
        return 0;
    }

    private GuidanceStudy.Result study(ConditionalScore score, Schedule schedule, DataSet data, TimeGrid grid) {
        return GuidanceStudy.run(score, schedule, data, ws, hs, h -> solver.sampler(h, false), grid, particles, seed,
                Cancellation.NEVER);
    }

    private static void print(PrintWriter out, String title, GuidanceStudy.Result r) {
        out.println();
        out.println(title);
        out.println("   𝔥      w      W2   off-support");
        for (GuidanceStudy.Row row : r.rows()) {
            out.printf(Locale.ROOT, "%4s  %5s  %6.3f   %s%s%n", trim(row.h()), trim(row.w()), row.w2(),
                    percent(row.offSupport()), row.failed() > 0 ? "  (" + row.failed() + " samples failed)" : "");
        }
        if (!Double.isNaN(r.w2Floor())) {
            out.printf(Locale.ROOT, "draw versus draw: W2 %.3f, off-support %s%n", r.w2Floor(),
                    percent(r.floorOffSupport()));
        }
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%5.1f %%", 100 * v);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
