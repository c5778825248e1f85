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
 * Likelihood of the 𝔥-sampler to first order in 𝔥 (seed 000, MATH.md §4–§5), for a batch of points:
 * <ol>
 *   <li>forward PF-ODE pass (x, ℓ) from t_min to T: log q₀⁰ = log q_T(x_T) + ℓ(T);</li>
 *   <li>backward adjoint pass (x, ∇ℓ, H, c) from T to t_min: C = −c(t_min), and ∇ log q₀⁰, Δ log q₀⁰;</li>
 *   <li>optionally the seed's forward δx pass, an independent second route to C.</li>
 * </ol>
 * Each pass integrates all points as one ensemble with per-point step control
 * ({@link EnsembleDormandPrince}); a point that fails in one pass is dropped from the later ones and
 * reported. This is the one implementation of the PF-ODE likelihood and the WKB correction; the GUI,
 * the CLI and the tests all call it.
 */
public final class WkbLikelihood {

    private final Schedule schedule;
    private final ScoreModel score;
    private final LikelihoodOptions options;

    public WkbLikelihood(Schedule schedule, ScoreModel score, LikelihoodOptions options) {
        this.schedule = schedule;
        this.score = score;
        this.options = options;
    }

    /** log q₀⁰ only (the first pass). */
    public LikelihoodResult logLikelihood(PointSet points, ProgressListener progress, Cancellation cancel) {
        return run(points, false, progress, cancel);
    }

    /** log q₀⁰ and the first-order coefficient C (adjoint form; plus the δx form if asked). */
    public LikelihoodResult withCorrection(PointSet points, ProgressListener progress, Cancellation cancel) {
        return run(points, true, progress, cancel);
    }

    private LikelihoodResult run(PointSet points, boolean correction, ProgressListener progress,
            Cancellation cancel) {
        long start = System.nanoTime();
        int n = points.size();
        double tMin = schedule.tMin();
        double tMax = schedule.tMax();
        double priorVar = schedule.priorVariance();
        String[] failure = new String[n];
        double[] logQ0 = new double[n];
        long evaluations = 0;
        int passes = correction ? (options.seedForm() ? 3 : 2) : 1;
        EnsembleDormandPrince solver = new EnsembleDormandPrince(options.tolerance(), options.maxSteps());

        // pass 1: PF-ODE forward with the log-density accumulator
        double[] y1 = new double[3 * n];
        for (int i = 0; i < n; i++) {
            y1[3 * i] = points.x(i);
            y1[3 * i + 1] = points.y(i);
        }
        EnsembleResult r1 = solver.integrate(new PfOdeSystem(schedule, score), tMin, tMax, y1, n, null,
                scaled(progress, 0, passes, "log-likelihood (PF-ODE)"), cancel);
        evaluations += r1.memberEvaluations();
        for (int i = 0; i < n; i++) {
            if (r1.failed(i)) {
                failure[i] = "PF-ODE: " + r1.failure()[i];
                continue;
            }
            logQ0[i] = schedule.priorLogDensity(y1[3 * i], y1[3 * i + 1]) + y1[3 * i + 2];
            if (!Double.isFinite(logQ0[i])) {
                failure[i] = "PF-ODE: the log-likelihood is not finite";
            }
        }
        if (!correction) {
            return new LikelihoodResult(points, logQ0, null, null, null, null, failure, evaluations, seconds(start));
        }

        // pass 2: backward adjoint from the prior's ∇ℓ = −x/v, H = −I/v
        int[] alive = survivors(failure);
        int m = alive.length;
        int d2 = WkbAdjointSystem.DIM;
        double[] y2 = new double[d2 * m];
        for (int a = 0; a < m; a++) {
            int i = alive[a];
            double xT = y1[3 * i];
            double yT = y1[3 * i + 1];
            int o = d2 * a;
            y2[o] = xT;
            y2[o + 1] = yT;
            y2[o + 2] = -xT / priorVar;
            y2[o + 3] = -yT / priorVar;
            y2[o + 4] = -1 / priorVar;
            y2[o + 5] = 0;
            y2[o + 6] = -1 / priorVar;
            y2[o + 7] = 0;
        }
        DenseTrajectories dense = options.seedForm() ? new DenseTrajectories(m, d2) : null;
        EnsembleResult r2 = solver.integrate(new WkbAdjointSystem(schedule, score), tMax, tMin, y2, m,
                dense == null ? null : dense.listener(),
                scaled(progress, 1, passes, "first-order correction (backward pass)"), cancel);
        evaluations += r2.memberEvaluations();
        double[] c = new double[n];
        double[] grad = new double[2 * n];
        double[] laplacian = new double[n];
        for (int a = 0; a < m; a++) {
            int i = alive[a];
            int o = d2 * a;
            if (r2.failed(a)) {
                failure[i] = "WKB backward pass: " + r2.failure()[a];
                continue;
            }
            c[i] = -y2[o + 7];
            grad[2 * i] = y2[o + 2];
            grad[2 * i + 1] = y2[o + 3];
            laplacian[i] = y2[o + 4] + y2[o + 6];
            if (!Double.isFinite(c[i])) {
                failure[i] = "WKB backward pass: the correction is not finite";
            }
        }

        double[] cSeed = null;
        if (options.seedForm()) {
            SeedForm seed = seedForm(solver, points, dense, alive, failure, passes, progress, cancel);
            cSeed = seed.correction();
            evaluations += seed.evaluations();
        }
        return new LikelihoodResult(points, logQ0, c, cSeed, grad, laplacian, failure, evaluations, seconds(start));
    }

    private record SeedForm(double[] correction, long evaluations) {
    }

    /** Pass 3: the seed's δx form, forward from x₀ with ∇ℓ, Δℓ from the backward pass's dense output. */
    private SeedForm seedForm(EnsembleDormandPrince solver, PointSet points, DenseTrajectories backward,
            int[] alive2, String[] failure, int passes, ProgressListener progress, Cancellation cancel) {
        int n = points.size();
        int[] position = new int[n];
        for (int a = 0; a < alive2.length; a++) {
            position[alive2[a]] = a;
        }
        int[] alive = survivors(failure);
        int m = alive.length;
        int d3 = WkbDeltaXSystem.DIM;
        int[] backwardMember = new int[m];
        double[] y3 = new double[d3 * m];
        for (int a = 0; a < m; a++) {
            int i = alive[a];
            backwardMember[a] = position[i];
            y3[d3 * a] = points.x(i);
            y3[d3 * a + 1] = points.y(i);
        }
        EnsembleResult r3 = solver.integrate(new WkbDeltaXSystem(schedule, score, backward, backwardMember),
                schedule.tMin(), schedule.tMax(), y3, m, null,
                scaled(progress, 2, passes, "first-order correction (δx form)"), cancel);
        double[] cSeed = new double[n];
        double priorVar = schedule.priorVariance();
        for (int a = 0; a < m; a++) {
            int i = alive[a];
            int o = d3 * a;
            if (r3.failed(a)) {
                failure[i] = "WKB δx pass: " + r3.failure()[a];
                continue;
            }
            // C = c(T) + δx_T · ∇ log q_T(x_T), with ∇ log q_T(x) = −x/v for the prior
            cSeed[i] = y3[o + 4] - (y3[o + 2] * y3[o] + y3[o + 3] * y3[o + 1]) / priorVar;
        }
        return new SeedForm(cSeed, r3.memberEvaluations());
    }

    private static int[] survivors(String[] failure) {
        int count = 0;
        for (String f : failure) {
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
