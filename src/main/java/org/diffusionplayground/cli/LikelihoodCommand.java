package org.diffusionplayground.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.checkpoint.CheckpointException;
import org.diffusionplayground.model.data.CsvPoints;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.likelihood.FiniteDifferenceWkb;
import org.diffusionplayground.model.likelihood.LikelihoodOptions;
import org.diffusionplayground.model.likelihood.LikelihoodResult;
import org.diffusionplayground.model.likelihood.WkbLikelihood;
import org.diffusionplayground.model.ode.Tolerance;
import org.diffusionplayground.model.reference.FokkerPlanckOptions;
import org.diffusionplayground.model.reference.FokkerPlanckResult;
import org.diffusionplayground.model.reference.FokkerPlanckSolver;
import org.diffusionplayground.model.reference.Region;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.util.AtomicFiles;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.ProgressListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code playground likelihood}: the per-point numbers behind every mean the app and the table show
 * (MATH.md §4–§5), for a researcher to check or plot: for each point NLL at 𝔥 = 0, C in both of its
 * forms (adjoint and δx), |∇ log q₀⁰|, Δ log q₀⁰ and the point's status — converged, or which pass failed
 * and why (a point whose backward pass failed keeps its NLL). With {@code --hs}, also the Fokker–Planck
 * grid's NLL(𝔥) at each point with the grid's error bar on it; with {@code --fd}, C by the paper's finite
 * differences as an independent check.
 */
@Command(name = "likelihood", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Per-point NLL(𝔥 = 0), C (adjoint and δx forms), |∇log q₀|, Δlog q₀ and status, as CSV.",
        footer = {"", "Examples:",
            "  playground likelihood --model swissroll-simple --out points.csv          # 1000 held-out points",
            "  playground likelihood --model DIR/model --points mine.csv --tol 1e-8 --out mine-nll.csv",
            "  playground likelihood --points mine.csv --hs 0.1,1 --out mine-nll.csv    # plus the grid's NLL(𝔥)",
            "  playground likelihood --points hard.csv --tol 1e-9 --fd 0.001,0.0005 --out hard.csv  # and finite differences"})
public final class LikelihoodCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ModelArgument model = new ModelArgument();

    @Option(names = "--points", paramLabel = "FILE.csv",
            description = "the points, one x,y per line (default: held-out points of the model's data)")
    Path pointsFile;

    @Option(names = "--held-out", paramLabel = "N", defaultValue = "1000",
            description = "without --points: how many held-out points (default 1000)")
    int heldOut;

    @Option(names = "--seed", paramLabel = "K", defaultValue = "1", description = "seed of the held-out draw (default 1)")
    long seed;

    @Option(names = {"--tol", "--tolerance"}, paramLabel = "TOL", defaultValue = "1e-5",
            description = "rtol = atol of every pass (default 1e-5)")
    double tolerance;

    @Option(names = "--hs", split = ",", paramLabel = "H",
            description = "also the Fokker–Planck grid's NLL(𝔥) at each point for these 𝔥 (each in [0, 100])")
    double[] hs;

    @CommandLine.Mixin
    GridOptions grid;

    @Option(names = "--fd", split = ",", paramLabel = "DX",
            description = "also C by the paper's finite differences of the PF-ODE log-density at these spacings "
                    + "(an independent check: no jets, no adjoint), plus their Richardson extrapolation to DX -> 0 "
                    + "from the two smallest (the error is O(DX²)); slow: minutes per point at a tight --fd-inner-tol")
    double[] fdSpacings;

    @Option(names = "--fd-inner-tol", paramLabel = "TOL", defaultValue = "1e-11",
            description = "tolerance of the finite differences' inner PF-ODE solves (default 1e-11: their noise "
                    + "enters the Laplacian divided by DX²)")
    double fdInnerTolerance;

    @Option(names = "--out", paramLabel = "FILE.csv", required = true, description = "where to write the CSV")
    Path out;

    @Option(names = "--force", description = "replace --out if it exists")
    boolean force;

    @Option(names = "--quiet", description = "no progress lines")
    boolean quiet;

    @Override
    public Integer call() throws IOException, CheckpointException {
        validate();
        AtomicFiles.check(out, force ? AtomicFiles.Existing.REPLACE : AtomicFiles.Existing.REFUSE);
        Checkpoint cp = model.load();
        Schedule schedule = cp.schedule().build();
        ScoreModel score = new NetworkScore(cp.network(), schedule);
        PointSet points = points(cp);
        ProgressLine line = new ProgressLine(System.err, System.console() != null);
        ProgressListener progress = quiet ? ProgressListener.NONE
                : (f, m) -> line.update(String.format(Locale.ROOT, "%3.0f%%  %s", 100 * f, m), f >= 1);
        double share = hs == null ? 1 : 0.3;
        LikelihoodResult r = new WkbLikelihood(schedule, score, LikelihoodOptions.of(tolerance).withDeltaXForm(true))
                .withCorrection(points, (f, m) -> progress.progress(share * f, m), Cancellation.NEVER);
        FokkerPlanckResult exact = null;
        if (hs != null) {
            if (cp.dataSource() == null) {
                throw new CheckpointException(model + ": the checkpoint does not say what data it was trained on, "
                        + "so the grid has no domain");
            }
            exact = new FokkerPlanckSolver(schedule, score, grid.apply(FokkerPlanckOptions.defaults()))
                    .solve(Region.around(DataSet.of(cp.dataSource()).points(), 0.05), hs, points, 0,
                            (f, m) -> progress.progress(share + (1 - share) * f, "Fokker–Planck grid: " + m),
                            Cancellation.NEVER);
        }
        double[][] fd = fdSpacings == null ? null : finiteDifferences(schedule, score, points, progress);
        line.finish();
        AtomicFiles.write(out, csv(r, exact, fdSpacings, fd).getBytes(StandardCharsets.UTF_8),
                force ? AtomicFiles.Existing.REPLACE : AtomicFiles.Existing.REFUSE);
        PrintWriter o = spec.commandLine().getOut();
        LikelihoodResult.Summary s = r.summary();
        o.printf(Locale.ROOT, "%s: %d points, tol %.0e, %.1f s -> %s%n", model, r.size(), tolerance, r.seconds(), out);
        o.printf(Locale.ROOT, "NLL(0) %.6g ± %.3g over %d points; E[C] %.6g ± %.3g over %d points%n", s.meanNll(),
                s.seNll(), s.count(), s.meanCorrection(), s.seCorrection(), s.correctionCount());
        o.printf(Locale.ROOT, "failed: %d in the PF-ODE (no NLL), %d in the backward pass (NLL, no C), %d in the δx "
                + "form (C in the adjoint form only)%n", r.failures(), r.correctionFailures(), r.deltaXFormFailures());
        o.flush();
        return 0;
    }

    private PointSet points(Checkpoint cp) throws IOException, CheckpointException {
        if (pointsFile != null) {
            return CsvPoints.read(pointsFile);
        }
        if (cp.dataSource() == null) {
            throw new CheckpointException(model + ": the checkpoint does not say what data it was trained on; "
                    + "give the points with --points FILE.csv");
        }
        return DataSet.of(cp.dataSource()).heldOut(heldOut, seed);
    }

    /** C by finite differences at each spacing, then the Richardson column; NaN where a point failed. */
    private double[][] finiteDifferences(Schedule schedule, ScoreModel score, PointSet points,
            ProgressListener progress) {
        double[][] columns = new double[fdSpacings.length + (fdSpacings.length > 1 ? 1 : 0)][];
        for (int k = 0; k < fdSpacings.length; k++) {
            progress.progress(0, "finite differences at DX = " + fdSpacings[k]);
            LikelihoodResult fd = new FiniteDifferenceWkb(schedule, score, Tolerance.of(tolerance),
                    Tolerance.of(fdInnerTolerance), fdSpacings[k]).compute(points, null, Cancellation.NEVER);
            columns[k] = new double[points.size()];
            for (int i = 0; i < points.size(); i++) {
                columns[k][i] = fd.correctionOk(i) ? fd.correction()[i] : Double.NaN;
            }
        }
        if (fdSpacings.length > 1) {
            int[] order = java.util.stream.IntStream.range(0, fdSpacings.length).boxed()
                    .sorted(java.util.Comparator.comparingDouble(k -> fdSpacings[k])).mapToInt(k -> k).toArray();
            double h1 = fdSpacings[order[0]];
            double h2 = fdSpacings[order[1]];
            double[] extrapolated = new double[points.size()];
            for (int i = 0; i < points.size(); i++) {
                extrapolated[i] = FiniteDifferenceWkb.richardson(h1, columns[order[0]][i], h2, columns[order[1]][i]);
            }
            columns[fdSpacings.length] = extrapolated;
        }
        return columns;
    }

    /** One row per point; numbers in full precision, empty where a pass gave nothing. */
    static String csv(LikelihoodResult r, FokkerPlanckResult exact, double[] fdSpacings, double[][] fd) {
        StringBuilder sb = new StringBuilder("x,y,nll_h0,C_adjoint,C_delta_x,grad_log_q0_norm,laplacian_log_q0,status");
        if (exact != null) {
            for (FokkerPlanckResult.Marginal m : exact.marginals()) {
                sb.append(",grid_nll_h").append(number(m.h())).append(",grid_err_h").append(number(m.h()));
            }
        }
        if (fd != null) {
            for (double dx : fdSpacings) {
                sb.append(",C_fd_dx").append(number(dx));
            }
            if (fd.length > fdSpacings.length) {
                sb.append(",C_fd_richardson");
            }
        }
        sb.append('\n');
        for (int i = 0; i < r.size(); i++) {
            sb.append(number(r.points().x(i))).append(',').append(number(r.points().y(i))).append(',');
            sb.append(r.ok(i) ? number(-r.logQ0()[i]) : "").append(',');
            boolean c = r.correctionOk(i);
            sb.append(c ? number(r.correction()[i]) : "").append(',');
            sb.append(r.deltaXFormOk(i) ? number(r.correctionDeltaXForm()[i]) : "").append(',');
            sb.append(c ? number(Math.hypot(r.gradLogQ0()[2 * i], r.gradLogQ0()[2 * i + 1])) : "").append(',');
            sb.append(c ? number(r.laplacianLogQ0()[i]) : "").append(',');
            sb.append(quoted(r.status(i)));
            if (exact != null) {
                for (FokkerPlanckResult.Marginal m : exact.marginals()) {
                    sb.append(',').append(m.ok(i) ? number(-m.logQ()[i]) : "");
                    double err = m.pointGridError(i);
                    sb.append(',').append(Double.isFinite(err) ? number(err) : "");
                }
            }
            if (fd != null) {
                for (double[] column : fd) {
                    sb.append(',').append(Double.isFinite(column[i]) ? number(column[i]) : "");
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String number(double v) {
        return Double.toString(v);
    }

    /** RFC 4180: a field with a comma, quote or line break goes in quotes, its quotes doubled. */
    private static String quoted(String s) {
        String flat = s.replace('\n', ' ').replace('\r', ' ');
        return flat.contains(",") || flat.contains("\"") ? '"' + flat.replace("\"", "\"\"") + '"' : flat;
    }

    private void validate() {
        try {
            Tolerance.of(tolerance);
        } catch (IllegalArgumentException e) {
            throw usage("--tol: " + e.getMessage());
        }
        if (fdSpacings != null) {
            for (double dx : fdSpacings) {
                if (!(dx > 0) || dx > 1) {
                    throw usage("--fd: every spacing must be in (0, 1], got " + dx);
                }
            }
            if (Arrays.stream(fdSpacings).distinct().count() != fdSpacings.length) {
                throw usage("--fd: a spacing is repeated");
            }
            try {
                Tolerance.of(fdInnerTolerance);
            } catch (IllegalArgumentException e) {
                throw usage("--fd-inner-tol: " + e.getMessage());
            }
        }
        if (pointsFile == null && (heldOut < 1 || heldOut > 1_000_000)) {
            throw usage("--held-out must be between 1 and 1000000, got " + heldOut);
        }
        String hProblem = hs == null ? null : HValues.problem(hs, true);
        if (hProblem != null) {
            throw usage(hProblem);
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
