package org.diffusionplayground.model.likelihood;

import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.ode.MemberOde;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.util.Cancellation;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;

/**
 * The PF-ODE log-likelihood (MATH.md §4) the library way: each point integrated on its own by
 * Hipparchus's {@link DormandPrince54Integrator}, through the same vector field ({@link PfOdeSystem}) and
 * with the same error norm and tolerances (rtol = atol = tol) as {@link WkbLikelihood}'s first pass. It
 * is kept as the benchmark peer of the batched {@link org.diffusionplayground.model.ode.EnsembleDormandPrince}
 * (docs/benchmarks.md): one network call per stage per point here, one per stage for all points there.
 */
public final class HipparchusLikelihood {

    private final Schedule schedule;
    private final ScoreModel score;
    private final LikelihoodOptions options;

    public HipparchusLikelihood(Schedule schedule, ScoreModel score, LikelihoodOptions options) {
        this.schedule = schedule;
        this.score = score;
        this.options = options;
    }

    /** log q₀⁰ of every point; failures (step budget, step underflow) are reported per point. */
    public LikelihoodResult logLikelihood(PointSet points, Cancellation cancel) {
        long start = System.nanoTime();
        int n = points.size();
        double tMin = schedule.tMin();
        double tMax = schedule.tMax();
        double span = tMax - tMin;
        double[] logQ0 = new double[n];
        PointFailure[] failure = new PointFailure[n];
        long evaluations = 0;
        PfOdeSystem field = new PfOdeSystem(schedule, score);
        for (int i = 0; i < n; i++) {
            cancel.check();
            double tol = options.tolerance().rtol();
            DormandPrince54Integrator integrator = new DormandPrince54Integrator(1e-14 * span, span,
                    options.tolerance().atol(), tol);
            // the ensemble solver's budget counts steps; Dormand–Prince with FSAL costs 6 evaluations a step
            integrator.setMaxEvaluations(6 * options.maxSteps() + 2);
            try {
                ODEStateAndDerivative end = integrator.integrate(new MemberOde(field, i),
                        new ODEState(tMin, new double[] {points.x(i), points.y(i), 0}), tMax);
                double[] y = end.getPrimaryState();
                logQ0[i] = schedule.priorLogDensity(y[0], y[1]) + y[2];
                if (!Double.isFinite(logQ0[i])) {
                    failure[i] = new PointFailure(PointFailure.Pass.PF_ODE, "the log-likelihood is not finite");
                }
            } catch (MathIllegalStateException e) {
                failure[i] = new PointFailure(PointFailure.Pass.PF_ODE, "Hipparchus: " + e.getMessage());
            }
            evaluations += integrator.getEvaluations();
        }
        return new LikelihoodResult(points, logQ0, null, null, null, null, failure, evaluations,
                (System.nanoTime() - start) / 1e9);
    }
}
