package org.diffusionplayground.model.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.ScoreJets;
import org.diffusionplayground.model.score.ScoreModel;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The closed-form coefficients of {@link ReverseProcess#exponentialTransition} against an independent
 * integration of the linear SDE they solve (docs/MATH.md §3.1). With the score written through a denoiser
 * that is linear in ℓ, s = (α (D_t + (ℓ − ℓ_t) D′) − x)/σ², the drift is F_𝔥 = λ x + μ (D_t + (ℓ − ℓ_t) D′)
 * with λ = κ + (1+𝔥) g²/(2σ²) and μ = −(1+𝔥) g² α/(2σ²). Going backward from t to s the mean coefficients
 * A (of x_t), B (of D_t), S (of D′) and the variance V obey dA/du = λA, dB/du = λB + μ,
 * dS/du = λS + μ (ℓ − ℓ_t), dV/du = 2λV − 𝔥 g², integrated here by Dormand–Prince 8(5,3) at 1e-12.
 */
class ExponentialTransitionTest {

    /** Only the schedule matters for the coefficients. */
    private static final ScoreModel NONE = new ScoreModel() {
        @Override
        public void score(double t, double[] xy, int n, double[] out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void jets(double[] t, double[] xy, int n, int order, ScoreJets out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String describe() {
            return "none";
        }
    };

    @ParameterizedTest
    @EnumSource(ScheduleKind.class)
    void coefficientsSolveTheLinearSdeWithTheDenoiserAsInput(ScheduleKind kind) {
        Schedule sch = ScheduleSpec.of(kind).build();
        double[][] spans = {{sch.tMax(), sch.tMax() - 0.02}, {0.5, 0.45}, {0.2, 0.05}, {0.05, sch.tMin()}};
        for (double h : new double[] {0, 0.5, 1, 3}) {
            for (double[] span : spans) {
                double t = span[0];
                double s = span[1];
                ReverseProcess.Transition m = new ReverseProcess(sch, NONE, h).exponentialTransition(t, s);
                double lt = TimeGrid.logSnr(sch, t);
                OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
                    @Override
                    public int getDimension() {
                        return 4;
                    }

                    @Override
                    public double[] computeDerivatives(double u, double[] y) {
                        double g2 = sch.g2(u);
                        double v = sch.variance(u);
                        double lambda = sch.kappa(u) + (1 + h) * g2 / (2 * v);
                        double mu = -(1 + h) * g2 * sch.alpha(u) / (2 * v);
                        return new double[] {lambda * y[0], lambda * y[1] + mu,
                            lambda * y[2] + mu * (TimeGrid.logSnr(sch, u) - lt), 2 * lambda * y[3] - h * g2};
                    }
                };
                double[] y = new DormandPrince853Integrator(1e-14, 1, 1e-13, 1e-12)
                        .integrate(ode, new ODEState(t, new double[] {1, 0, 0, 0}), s).getPrimaryState();
                String where = kind + " 𝔥 = " + h + " from " + t + " to " + s;
                assertEquals(y[0], m.x(), 1e-9 * Math.abs(y[0]), where);
                assertEquals(y[1], m.denoiser(), 1e-9, where);
                assertEquals(y[2], m.slope(), 1e-9, where);
                assertEquals(Math.sqrt(Math.max(0, y[3])), m.noise(), 1e-7, where);
            }
        }
    }
}
