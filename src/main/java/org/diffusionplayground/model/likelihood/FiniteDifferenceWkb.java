package org.diffusionplayground.model.likelihood;

import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.ode.EnsembleDormandPrince;
import org.diffusionplayground.model.ode.EnsembleOde;
import org.diffusionplayground.model.ode.EnsembleResult;
import org.diffusionplayground.model.ode.Tolerance;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreJets;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.ProgressListener;

/**
 * The paper's own way of computing the first-order correction (its metrics.py, MATH.md §5), kept as
 * a reference and a benchmark peer for {@link WkbLikelihood}: an outer adaptive RK over (x, δx, c) in
 * the paper's δx form, where ∇ log q_t⁰ and Δ log q_t⁰ at every outer stage come from central finite
 * differences (spacing Δx, 5-point Laplacian) of log q_t⁰, each stencil value being its own inner
 * PF-ODE solve from t to T. It is approximate (O(Δx²) plus inner-tolerance/Δx² noise) and costs five
 * inner solves per outer stage; {@link WkbLikelihood}'s backward (∇ℓ, H) equations are exact to the
 * solver tolerance.
 */
public final class FiniteDifferenceWkb {

    private final Schedule schedule;
    private final ScoreModel score;
    private final Tolerance outer;
    private final Tolerance inner;
    private final double dx;
    private final int maxSteps;

    /** The paper's defaults: Δx = 0.01, inner tolerance 1e-5; the outer tolerance is the table's. */
    public FiniteDifferenceWkb(Schedule schedule, ScoreModel score, Tolerance outer, Tolerance inner, double dx) {
        if (!(dx > 0) || dx > 1) {
            throw new IllegalArgumentException("the finite-difference spacing must be in (0, 1], got " + dx);
        }
        this.schedule = schedule;
        this.score = score;
        this.outer = outer;
        this.inner = inner;
        this.dx = dx;
        this.maxSteps = LikelihoodOptions.DEFAULT_MAX_STEPS;
    }

    /**
     * Richardson extrapolation to Δx → 0 of two central-difference results: C(Δx) = C + a·Δx² + O(Δx⁴),
     * so eliminating a between the spacings h1 and h2 leaves C with an O(Δx⁴) error.
     */
    public static double richardson(double h1, double c1, double h2, double c2) {
        return (h2 * h2 * c1 - h1 * h1 * c2) / (h2 * h2 - h1 * h1);
    }

    public LikelihoodResult compute(PointSet points, ProgressListener progress, Cancellation cancel) {
        long start = System.nanoTime();
        int n = points.size();
        LikelihoodResult base = new WkbLikelihood(schedule, score, new LikelihoodOptions(inner, maxSteps, false))
                .logLikelihood(points, null, cancel);
        PointFailure[] failure = base.failure().clone();
        OuterSystem system = new OuterSystem(cancel);
        double[] y = new double[5 * n];
        for (int i = 0; i < n; i++) {
            y[5 * i] = points.x(i);
            y[5 * i + 1] = points.y(i);
        }
        EnsembleResult r = new EnsembleDormandPrince(outer, maxSteps).integrate(system, schedule.tMin(),
                schedule.tMax(), y, n, null, progress, cancel);
        double[] c = new double[n];
        double v = schedule.priorVariance();
        for (int i = 0; i < n; i++) {
            if (r.failed(i)) {
                failure[i] = failure[i] != null ? failure[i]
                        : new PointFailure(PointFailure.Pass.BACKWARD, "the outer δx pass with finite differences: " + r.failure()[i]);
                continue;
            }
            c[i] = y[5 * i + 4] - (y[5 * i + 2] * y[5 * i] + y[5 * i + 3] * y[5 * i + 1]) / v;
        }
        long evaluations = base.memberEvaluations() + r.memberEvaluations() + system.innerEvaluations;
        return new LikelihoodResult(points, base.logQ0(), c, null, null, null, failure, evaluations,
                (System.nanoTime() - start) / 1e9);
    }

    /** (x, y, δx, δy, c) with ∇ℓ, Δℓ from stencils of inner PF-ODE solves. */
    private final class OuterSystem implements EnsembleOde {

        private final Cancellation cancel;
        private final ScoreJets jets = new ScoreJets(64);
        private final PfLocalField field = new PfLocalField();
        long innerEvaluations;

        OuterSystem(Cancellation cancel) {
            this.cancel = cancel;
        }

        @Override
        public int dimension() {
            return 5;
        }

        @Override
        public void derivatives(int[] members, double[] t, double[] y, double[] dydt, int count) {
            // the five stencil points of every member, solved from its own time to T as one ensemble
            double[] inner0 = new double[3 * 5 * count];
            double[] starts = new double[5 * count];
            double[][] offsets = {{0, 0}, {dx, 0}, {-dx, 0}, {0, dx}, {0, -dx}};
            double[] xy = new double[2 * count];
            for (int i = 0; i < count; i++) {
                xy[2 * i] = y[5 * i];
                xy[2 * i + 1] = y[5 * i + 1];
                for (int s = 0; s < 5; s++) {
                    int m = 5 * i + s;
                    inner0[3 * m] = xy[2 * i] + offsets[s][0];
                    inner0[3 * m + 1] = xy[2 * i + 1] + offsets[s][1];
                    starts[m] = t[i];
                }
            }
            EnsembleResult r = new EnsembleDormandPrince(inner, maxSteps).integrate(new PfOdeSystem(schedule, score),
                    starts, schedule.tMax(), inner0, 5 * count, null, null, cancel);
            innerEvaluations += r.memberEvaluations();
            jets.ensureCapacity(count);
            score.jets(t, xy, count, 2, jets);
            for (int i = 0; i < count; i++) {
                double[] l = new double[5];
                for (int s = 0; s < 5; s++) {
                    int m = 5 * i + s;
                    l[s] = r.failed(m) ? Double.NaN
                            : schedule.priorLogDensity(inner0[3 * m], inner0[3 * m + 1]) + inner0[3 * m + 2];
                }
                double gx = (l[1] - l[2]) / (2 * dx);
                double gy = (l[3] - l[4]) / (2 * dx);
                double laplacian = (l[1] + l[2] + l[3] + l[4] - 4 * l[0]) / (dx * dx);
                field.load(schedule, t[i], xy[2 * i], xy[2 * i + 1], jets, i, 2);
                double ddx = y[5 * i + 2];
                double ddy = y[5 * i + 3];
                dydt[5 * i] = field.f[0];
                dydt[5 * i + 1] = field.f[1];
                dydt[5 * i + 2] = field.jac[0][0] * ddx + field.jac[0][1] * ddy - field.q * (field.s[0] - gx);
                dydt[5 * i + 3] = field.jac[1][0] * ddx + field.jac[1][1] * ddy - field.q * (field.s[1] - gy);
                dydt[5 * i + 4] = ddx * field.gradDivF[0] + ddy * field.gradDivF[1]
                        - field.q * (field.divS - laplacian);
            }
        }
    }
}
