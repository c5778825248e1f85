package org.diffusionplayground.model.likelihood;

import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.ode.DenseTrajectories;
import org.diffusionplayground.model.ode.EnsembleDormandPrince;
import org.diffusionplayground.model.ode.EnsembleResult;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.ProgressListener;

/**
 * Likelihood of the 𝔥-sampler to first order in 𝔥 (Hirono, Tanaka &amp; Fukushima, ICML 2024; MATH.md
 * §4–§5), for a batch of points:
 * <ol>
 *   <li>forward PF-ODE pass (x, ℓ) from t_min to T: log q₀⁰ = log q_T(x_T) + ℓ(T), keeping the path x(t)
 *       as the solver's dense output;</li>
 *   <li>backward adjoint pass (∇ℓ, H, c) from T to t_min along that path: C = −c(t_min), and
 *       ∇ log q₀⁰, Δ log q₀⁰;</li>
 *   <li>optionally the paper's forward δx pass along the same path, an independent second route to C.</li>
 * </ol>
 * The path is never integrated backward: the flow contracts strongly toward the gaps between modes, and
 * a backward integration of x amplifies its local errors there by up to e⁴⁰ (docs/results.md). Each pass
 * integrates all points as one ensemble with per-point step control ({@link EnsembleDormandPrince}); a
 * point that fails in one pass keeps what the earlier passes gave it and carries a {@link PointFailure}.
 * This is the one implementation of the PF-ODE likelihood and the WKB correction; the GUI, the CLI and
 * the tests all call it.
 */
public final class WkbLikelihood {

    private final Schedule schedule;
    private final ScoreModel score;
    private final LikelihoodOptions options;
    private final TerminalDensity terminal;

    /** The likelihood of the app's sampler, which starts from the schedule's Gaussian prior. */
    public WkbLikelihood(Schedule schedule, ScoreModel score, LikelihoodOptions options) {
        this(schedule, score, options, TerminalDensity.prior(schedule));
    }

    /** With another density at T (an exact-score oracle's own p_T). */
    public WkbLikelihood(Schedule schedule, ScoreModel score, LikelihoodOptions options, TerminalDensity terminal) {
        this.schedule = schedule;
        this.score = score;
        this.options = options;
        this.terminal = terminal;
    }

    /** log q₀⁰ only (the first pass). */
    public LikelihoodResult logLikelihood(PointSet points, ProgressListener progress, Cancellation cancel) {
        return run(points, false, null, progress, cancel);
    }

    /** log q₀⁰ and the first-order coefficient C (adjoint form; plus the δx form if asked). */
    public LikelihoodResult withCorrection(PointSet points, ProgressListener progress, Cancellation cancel) {
        return run(points, true, null, progress, cancel);
    }

    /**
     * One point's numbers, as {@link #withCorrection} gives them, with its path: x(t) from the forward pass's
     * dense output and ∇ log q_t⁰ along it from the backward pass's, at the solver's accepted steps and
     * {@link PointLikelihood#SUBDIVISIONS} times between two.
     */
    public PointLikelihood point(double x, double y, Cancellation cancel) {
        Recording rec = new Recording();
        LikelihoodResult r = run(PointSet.of(new double[] {x, y}), true, rec, null, cancel);
        double[] terminal = {rec.forwardEnd[0], rec.forwardEnd[1]};
        if (!r.ok(0) || rec.path.points(0) == 0) {
            return new PointLikelihood(r, new double[0], new double[0], null, terminal);
        }
        double[] knots = rec.path.knots(0);
        int k = PointLikelihood.SUBDIVISIONS;
        int n = (knots.length - 1) * k + 1;
        double[] times = new double[n];
        for (int s = 0; s + 1 < knots.length; s++) {
            for (int j = 0; j < k; j++) {
                times[s * k + j] = knots[s] + (knots[s + 1] - knots[s]) * j / k;
            }
        }
        times[n - 1] = knots[knots.length - 1];
        double[] path = new double[2 * n];
        double[] grad = r.correctionOk(0) ? new double[2 * n] : null;
        double[] adjoint = new double[5];
        for (int i = 0; i < n; i++) {
            rec.path.interpolate(0, times[i], path, 2 * i);
            if (grad != null) {
                rec.backward.interpolate(0, times[i], adjoint, 0);
                grad[2 * i] = adjoint[0];
                grad[2 * i + 1] = adjoint[1];
            }
        }
        return new PointLikelihood(r, times, path, grad, terminal);
    }

    /** What {@link #point} reads after the passes: their dense outputs and the forward pass's end state. */
    private static final class Recording {
        DenseTrajectories path;
        DenseTrajectories backward;
        double[] forwardEnd;
    }

    private LikelihoodResult run(PointSet points, boolean correction, Recording recording, ProgressListener progress,
            Cancellation cancel) {
        long start = System.nanoTime();
        int n = points.size();
        double tMin = schedule.tMin();
        double tMax = schedule.tMax();
        PointFailure[] failure = new PointFailure[n];
        double[] logQ0 = new double[n];
        long evaluations = 0;
        int passes = correction ? (options.deltaXForm() ? 3 : 2) : 1;
        EnsembleDormandPrince solver = new EnsembleDormandPrince(options.tolerance(), options.maxSteps());

        // pass 1: PF-ODE forward with the log-density accumulator, recording the path
        double[] y1 = new double[3 * n];
        for (int i = 0; i < n; i++) {
            y1[3 * i] = points.x(i);
            y1[3 * i + 1] = points.y(i);
        }
        DenseTrajectories path = correction ? new DenseTrajectories(n, 2) : null;
        EnsembleResult r1 = solver.integrate(new PfOdeSystem(schedule, score), tMin, tMax, y1, n,
                path == null ? null : path.listener(), scaled(progress, 0, passes, "log-likelihood (PF-ODE)"), cancel);
        evaluations += r1.memberEvaluations();
        if (recording != null) {
            recording.path = path;
            recording.forwardEnd = new double[] {y1[0], y1[1]};
        }
        for (int i = 0; i < n; i++) {
            if (r1.failed(i)) {
                failure[i] = new PointFailure(PointFailure.Pass.PF_ODE, r1.failure()[i]);
                continue;
            }
            logQ0[i] = terminal.logDensity(y1[3 * i], y1[3 * i + 1]) + y1[3 * i + 2];
            if (!Double.isFinite(logQ0[i])) {
                failure[i] = new PointFailure(PointFailure.Pass.PF_ODE, "the log-likelihood is not finite");
            }
        }
        if (!correction) {
            return new LikelihoodResult(points, logQ0, null, null, null, null, failure, evaluations, seconds(start));
        }

        // pass 2: backward adjoint along the recorded path, from the terminal density's ∇ℓ and H
        int[] alive = survivors(failure);
        int m = alive.length;
        int d2 = WkbAdjointSystem.DIM;
        double[] y2 = new double[d2 * m];
        double[] terminalValues = new double[5];
        for (int a = 0; a < m; a++) {
            int i = alive[a];
            terminal.derivatives(y1[3 * i], y1[3 * i + 1], terminalValues);
            System.arraycopy(terminalValues, 0, y2, d2 * a, 5);
        }
        DenseTrajectories backward = options.deltaXForm() || recording != null ? new DenseTrajectories(m, 5) : null;
        if (recording != null) {
            recording.backward = backward;
        }
        EnsembleResult r2 = solver.integrate(new WkbAdjointSystem(schedule, score, path, alive), tMax, tMin, y2, m,
                backward == null ? null : backward.listener(),
                scaled(progress, 1, passes, "first-order correction (backward pass)"), cancel);
        evaluations += r2.memberEvaluations();
        double[] c = new double[n];
        double[] grad = new double[2 * n];
        double[] laplacian = new double[n];
        for (int a = 0; a < m; a++) {
            int i = alive[a];
            int o = d2 * a;
            if (r2.failed(a)) {
                failure[i] = new PointFailure(PointFailure.Pass.BACKWARD, r2.failure()[a]);
                continue;
            }
            c[i] = -y2[o + 5];
            grad[2 * i] = y2[o];
            grad[2 * i + 1] = y2[o + 1];
            laplacian[i] = y2[o + 2] + y2[o + 4];
            if (!Double.isFinite(c[i])) {
                failure[i] = new PointFailure(PointFailure.Pass.BACKWARD, "the correction is not finite");
            }
        }

        double[] cSeed = null;
        if (options.deltaXForm()) {
            DeltaXForm seed = deltaXForm(solver, path, y1, backward, alive, failure, passes, progress, cancel);
            cSeed = seed.correction();
            evaluations += seed.evaluations();
        }
        return new LikelihoodResult(points, logQ0, c, cSeed, grad, laplacian, failure, evaluations, seconds(start));
    }

    private record DeltaXForm(double[] correction, long evaluations) {
    }

    /** Pass 3: the paper's δx form, forward from x₀ along the recorded path with ∇ℓ, Δℓ from pass 2. */
    private DeltaXForm deltaXForm(EnsembleDormandPrince solver, DenseTrajectories path, double[] y1,
            DenseTrajectories backward, int[] aliveInBackward, PointFailure[] failure, int passes,
            ProgressListener progress, Cancellation cancel) {
        int n = failure.length;
        int[] position = new int[n];
        for (int a = 0; a < aliveInBackward.length; a++) {
            position[aliveInBackward[a]] = a;
        }
        int[] alive = survivors(failure);
        int m = alive.length;
        int d3 = WkbDeltaXSystem.DIM;
        int[] backwardMember = new int[m];
        for (int a = 0; a < m; a++) {
            backwardMember[a] = position[alive[a]];
        }
        double[] y3 = new double[d3 * m];
        EnsembleResult r3 = solver.integrate(
                new WkbDeltaXSystem(schedule, score, path, alive, backward, backwardMember),
                schedule.tMin(), schedule.tMax(), y3, m, null,
                scaled(progress, 2, passes, "first-order correction (δx form)"), cancel);
        double[] cSeed = new double[n];
        double[] terminalValues = new double[5];
        for (int a = 0; a < m; a++) {
            int i = alive[a];
            int o = d3 * a;
            if (r3.failed(a)) {
                failure[i] = new PointFailure(PointFailure.Pass.DELTA_X, r3.failure()[a]);
                continue;
            }
            // C = c(T) + δx_T · ∇ log q_T(x_T)
            terminal.derivatives(y1[3 * i], y1[3 * i + 1], terminalValues);
            cSeed[i] = y3[o + 2] + y3[o] * terminalValues[0] + y3[o + 1] * terminalValues[1];
        }
        return new DeltaXForm(cSeed, r3.memberEvaluations());
    }

    private static int[] survivors(PointFailure[] failure) {
        int count = 0;
        for (PointFailure f : failure) {
            if (f == null) {
                count++;
            }
        }
        int[] alive = new int[count];
        int k = 0;
        for (int i = 0; i < failure.length; i++) {
            if (failure[i] == null) {
                alive[k++] = i;
            }
        }
        return alive;
    }

    private static ProgressListener scaled(ProgressListener progress, int pass, int passes, String label) {
        if (progress == null) {
            return null;
        }
        return (fraction, message) -> progress.progress((pass + fraction) / passes, label + ": " + message);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
