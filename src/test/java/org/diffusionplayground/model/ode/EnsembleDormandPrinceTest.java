package org.diffusionplayground.model.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionplayground.model.util.Cancellation;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;

class EnsembleDormandPrinceTest {

    /** Van der Pol oscillators with a different stiffness μ per member: y'' = μ(1 − y²)y' − y. */
    private static final double[] MU = {0.5, 2.0, 6.0};

    private static double[] vdp(double mu, double y, double v) {
        return new double[] {v, mu * (1 - y * y) * v - y};
    }

    private final EnsembleOde oscillators = new EnsembleOde() {
        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public void derivatives(int[] members, double[] t, double[] y, double[] dydt, int count) {
            for (int i = 0; i < count; i++) {
                double[] d = vdp(MU[members[i]], y[2 * i], y[2 * i + 1]);
                dydt[2 * i] = d[0];
                dydt[2 * i + 1] = d[1];
            }
        }
    };

    @Test
    void eachMemberMatchesAHighOrderReferenceSolution() {
        double[] y = {2, 0, 2, 0, 2, 0};
        EnsembleResult r = new EnsembleDormandPrince(Tolerance.of(1e-10), 100_000)
                .integrate(oscillators, 0, 3, y, 3, null, null, Cancellation.NEVER);
        for (int m = 0; m < 3; m++) {
            assertNull(r.failure()[m]);
            double mu = MU[m];
            OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
                @Override
                public int getDimension() {
                    return 2;
                }

                @Override
                public double[] computeDerivatives(double t, double[] s) {
                    return vdp(mu, s[0], s[1]);
                }
            };
            double[] ref = new DormandPrince853Integrator(1e-12, 1, 1e-13, 1e-13)
                    .integrate(ode, new ODEState(0, new double[] {2, 0}), 3).getPrimaryState();
            assertEquals(ref[0], y[2 * m], 1e-7);
            assertEquals(ref[1], y[2 * m + 1], 1e-7);
        }
        // stiffer members need more steps: the per-member control is what saves the easy ones
        assertTrue(r.steps()[2] > r.steps()[0], "μ=6 should take more steps than μ=0.5");
    }

    @Test
    void membersMayStartAtDifferentTimesAndRunBackward() {
        // y' = −2ty has y(t) = y(t₀) exp(t₀² − t²); run from t₀ ∈ {1, 0.5, 0.2} back to 0
        EnsembleOde gaussian = new EnsembleOde() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public void derivatives(int[] members, double[] t, double[] y, double[] dydt, int count) {
                for (int i = 0; i < count; i++) {
                    dydt[i] = -2 * t[i] * y[i];
                }
            }
        };
        double[] t0 = {1, 0.5, 0.2};
        double[] y = {1, 1, 1};
        new EnsembleDormandPrince(Tolerance.of(1e-11), 10_000).integrate(gaussian, t0, 0.0, y, 3, null, null,
                Cancellation.NEVER);
        for (int m = 0; m < 3; m++) {
            assertEquals(Math.exp(t0[m] * t0[m]), y[m], 1e-9);
        }
    }

    @Test
    void aBlowUpIsAReportedFailureNotAHang() {
        // y' = y² from y(0) = 1 blows up at t = 1; ask for t = 2
        EnsembleOde blowUp = new EnsembleOde() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public void derivatives(int[] members, double[] t, double[] y, double[] dydt, int count) {
                for (int i = 0; i < count; i++) {
                    dydt[i] = members[i] == 0 ? y[i] * y[i] : -y[i];
                }
            }
        };
        double[] y = {1, 1};
        EnsembleResult r = new EnsembleDormandPrince(Tolerance.of(1e-6), 5_000).integrate(blowUp, 0, 2, y, 2, null,
                null, Cancellation.NEVER);
        assertTrue(r.failed(0));
        assertNull(r.failure()[1]);
        assertEquals(Math.exp(-2), y[1], 1e-5);
    }
}
