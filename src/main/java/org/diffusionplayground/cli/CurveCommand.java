package org.diffusionplayground.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.checkpoint.CheckpointException;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.likelihood.LikelihoodOptions;
import org.diffusionplayground.model.likelihood.LikelihoodResult;
import org.diffusionplayground.model.ode.Tolerance;
import org.diffusionplayground.model.likelihood.WkbLikelihood;
import org.diffusionplayground.model.reference.FirstOrderCheck;
import org.diffusionplayground.model.reference.FokkerPlanckOptions;
import org.diffusionplayground.model.reference.FokkerPlanckResult;
import org.diffusionplayground.model.reference.FokkerPlanckSolver;
import org.diffusionplayground.model.reference.Region;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.ProgressListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code playground curve}: how far from 𝔥 = 0 the first-order line holds for one model. The exact NLL(𝔥)
 * from the Fokker–Planck grid at a run of 𝔥 values, against NLL(0) − 𝔥·E[C] from the WKB backward pass on
 * the same held-out points, paired point by point ({@link FirstOrderCheck}); and the spread of C(x) over
 * the points, which the mean hides. The table ({@code playground table}) gives the slope; this gives its range.
 */
@Command(name = "curve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The exact NLL(𝔥) against the first-order line NLL(0) − 𝔥·E[C] on one model's held-out "
                + "points: where the line is the tangent and where the curve leaves it.",
        footer = {"", "Examples:",
            "  playground curve                                         # the bundled swiss roll (SIMPLE), 500 points",
            "  playground curve --model 25gaussians-cosine --points 1000 --hs 0.001,0.01,0.1,1",
            "  playground curve --model target/table-models/swissroll-SIMPLE-seed1/model --grid-cells 128,256"})
public final class CurveCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ModelArgument model = new ModelArgument();

    @Option(names = "--points", paramLabel = "N", defaultValue = "500",
            description = "held-out points (default 500; imported or drawn data: the data itself)")
    int points;

    @Option(names = "--seed", paramLabel = "K", defaultValue = "1", description = "seed of the held-out draw (default 1)")
    long seed;

    @Option(names = "--tolerance", paramLabel = "TOL", defaultValue = "1e-5",
            description = "rtol = atol of the ODE pass that gives NLL(0) and C (default 1e-5)")
    double tolerance;

    @Option(names = "--hs", split = ",", paramLabel = "H", defaultValue = "0.001,0.003,0.01,0.03,0.1,0.3,1,3",
            description = "𝔥 values of the exact curve, each > 0 (default 0.001,0.003,0.01,0.03,0.1,0.3,1,3)")
    double[] hs;

    @CommandLine.Mixin
    GridOptions grid;

    @Option(names = "--quiet", description = "no progress lines")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        validate();
        FokkerPlanckOptions gridOptions = grid.apply(FokkerPlanckOptions.defaults());
        PrintWriter out = spec.commandLine().getOut();
        PrintStream err = System.err;
        Checkpoint cp = model.load();
        if (cp.dataSource() == null) {
            throw new CheckpointException(model + ": the checkpoint does not say what data it was trained on");
        }
        DataSet data = DataSet.of(cp.dataSource());
        Schedule schedule = cp.schedule().build();
        ScoreModel score = new NetworkScore(cp.network(), schedule);
        PointSet heldOut = data.heldOut(points, seed);
        ProgressLine line = new ProgressLine(err, System.console() != null);
        ProgressListener progress = quiet ? ProgressListener.NONE
                : (f, m) -> line.update(String.format(Locale.ROOT, "%3.0f%%  %s", 100 * f, m), f >= 1);

        LikelihoodResult wkb = new WkbLikelihood(schedule, score, LikelihoodOptions.of(tolerance))
                .withCorrection(heldOut, (f, m) -> progress.progress(0.3 * f, "NLL(0) and C: " + m), Cancellation.NEVER);
        double[] withZero = new double[hs.length + 1];
        System.arraycopy(hs, 0, withZero, 1, hs.length);
        FokkerPlanckResult exact = new FokkerPlanckSolver(schedule, score, gridOptions)
                .solve(Region.around(data.points(), 0.05), withZero, heldOut, 0,
                        (f, m) -> progress.progress(0.3 + 0.7 * f, "Fokker–Planck grid: " + m), Cancellation.NEVER);
        line.finish();
        FirstOrderCheck check = FirstOrderCheck.of(wkb, exact);

        out.printf(Locale.ROOT, "%s on %s, %s; %d held-out points (seed %d)%s%n", model, data.name(), schedule.name(),
                heldOut.size(), seed, data.hasGenerator() ? "" : " = the training data (no generator)");
        out.printf(Locale.ROOT, "ODE pass: tol %.0e, %.1f s; grid: %d^2 cells at the end, log-SNR step %s, %.1f s; "
                + "%d of %d points evaluated by both%n", tolerance, wkb.seconds(), exact.finalCells(),
                gridOptions.logSnrStep(), exact.seconds(), check.count(), heldOut.size());
        LikelihoodResult.Summary s = wkb.summary();
        out.printf(Locale.ROOT, "NLL(0): PF-ODE %.4f ± %.4f, grid %.4f (nats per point)%n", s.meanNll(), s.seNll(),
                check.exactNll0());
        out.printf(Locale.ROOT, "E[C] = %.4f ± %.4f, so the first-order slope of the NLL is %+.4f%n", check.meanC(),
                check.seC(), -check.meanC());
        out.println("C(x) over the points: " + quantiles(wkb));
        out.println();
        String header = String.format(Locale.ROOT, "%-7s %-9s %-22s %-10s %-11s %-20s %-13s %-8s", "h", "NLL(h)",
                "exact NLL(h)-NLL(0)", "grid err", "-h*E[C]", "gap (curve - line)", "secant slope", "corr(C)");
        out.println(header);
        out.println("-".repeat(header.length()));
        for (FirstOrderCheck.Row r : check.rows()) {
            out.printf(Locale.ROOT, "%-7s %-9.4f %-22s %-10.5f %-11.5f %-20s %-13.4f %-8.3f%n", shortNumber(r.h()),
                    r.exactNll(), String.format(Locale.ROOT, "%+.5f ± %.5f", r.exactDelta(), r.exactDeltaSe()),
                    r.exactDeltaGridError(), r.firstOrderDelta(), String.format(Locale.ROOT, "%+.5f (%+.1f se)", r.gap(), r.gapInSe()),
                    r.secantSlope(), r.slopeCorrelation());
        }
        out.println();
        out.println("The secant slope E[(log q^h - log q^0)/h] tends to E[C] as h -> 0 if C is right; the gap says where");
        out.println("the curve leaves its tangent (a property of the model: the theory claims only the tangent).");
        out.println("'± ' is the standard error over the points; 'grid err' the grid's own error bar on the difference");
        out.println("(its change from the solve at half the resolution, docs/results.md).");
        out.flush();
        return 0;
    }

    private void validate() {
        if (points < 2 || points > 100_000) {
            throw usage("--points must be between 2 and 100000, got " + points);
        }
        try {
            Tolerance.of(tolerance);
        } catch (IllegalArgumentException e) {
            throw usage("--tolerance: " + e.getMessage());
        }
        String hProblem = HValues.problem(hs, false);
        if (hProblem != null) {
            throw usage(hProblem);
        }
    }

    private static String quantiles(LikelihoodResult r) {
        double[] sorted = r.sortedCorrection();
        int n = sorted.length;
        StringBuilder sb = new StringBuilder();
        for (double q : new double[] {0.01, 0.1, 0.5, 0.9, 0.99}) {
            double v = sorted[(int) Math.min(n - 1, Math.floor(q * n))];
            sb.append(String.format(Locale.ROOT, "%s%.0f%% %.2f", sb.length() == 0 ? "" : ", ", 100 * q, v));
        }
        return sb.toString();
    }

    private static String shortNumber(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
