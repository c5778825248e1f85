package org.diffusionplayground.model.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionplayground.model.util.Cancellation;
import org.junit.jupiter.api.Test;

class DenseTrajectoriesTest {

    /** y' = cos(t)·y, so y(t) = e^{sin t}: smooth, every derivative non-zero somewhere. */
    private static final EnsembleOde GROWTH = new EnsembleOde() {
        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public void derivatives(int[] members, double[] t, double[] y, double[] dydt, int count) {
            for (int i = 0; i < count; i++) {
                dydt[i] = Math.cos(t[i]) * y[i];
            }
        }
    };

    private static double exact(double t) {
        return Math.exp(Math.sin(t));
    }

    /** Worst error at the accepted steps' ends and worst error of the interpolant inside the steps. */
    private record Errors(double atSteps, double insideSteps, int steps) {
    }

    private static Errors errors(double tol) {
        DenseTrajectories dense = new DenseTrajectories(1, 1);
        EnsembleDormandPrince.StepListener record = dense.listener();
        double[] atSteps = {0};
        EnsembleDormandPrince.StepListener both = (m, tOld, tNew, yOld, yNew, stages, offset) -> {
            atSteps[0] = Math.max(atSteps[0], Math.abs(yNew[offset] - exact(tNew)));
            record.accepted(m, tOld, tNew, yOld, yNew, stages, offset);
        };
        double[] y = {1};
        EnsembleResult r = new EnsembleDormandPrince(Tolerance.of(tol), 100_000)
                .integrate(GROWTH, 0, 6, y, 1, both, null, Cancellation.NEVER);
        double inside = 0;
        double[] out = new double[1];
        for (int k = 0; k < 6000; k++) {
            double t = 6.0 * (k + 0.5) / 6000;
            dense.interpolate(0, t, out, 0);
            inside = Math.max(inside, Math.abs(out[0] - exact(t)));
        }
        return new Errors(atSteps[0], inside, r.steps()[0]);
    }

    @Test
    void theContinuousExtensionIsAsAccurateAsTheStepsThemselves() {
        // Order 4 inside a step (local error O(h⁵), the order of the error estimate the step control keeps
        // below tol): between the steps the path stays on the tolerance's scale (|y| ≤ e here), a few to
        // twenty times the error at the steps (whose 5th-order solution is better than what is controlled).
        for (double tol : new double[] {1e-5, 1e-7, 1e-9, 1e-11}) {
            Errors e = errors(tol);
            assertTrue(e.insideSteps() <= 50 * tol && e.insideSteps() <= 30 * e.atSteps(),
                    "tol " + tol + ": inside " + e.insideSteps() + " vs at the steps " + e.atSteps());
        }
    }

    @Test
    void theInterpolantConvergesAtTheSolversRate() {
        // steps h ∝ tol^{1/5}, so an O(h⁵) interpolant's error falls like tol: 10⁴ over four decades
        // (a cubic Hermite interpolant, O(h⁴), would fall like tol^{4/5}, 1.6·10³)
        double coarse = errors(1e-7).insideSteps();
        double fine = errors(1e-11).insideSteps();
        assertTrue(coarse / fine > 2.5e3, "error ratio " + coarse / fine);
    }

    @Test
    void itReproducesTheStepEndsExactlyAndRunsBackward() {
        DenseTrajectories dense = new DenseTrajectories(1, 1);
        double[] y = {exact(5)};
        new EnsembleDormandPrince(Tolerance.of(1e-9), 100_000)
                .integrate(GROWTH, 5, 1, y, 1, dense.listener(), null, Cancellation.NEVER);
        double[] out = new double[1];
        dense.interpolate(0, 1, out, 0);
        assertEquals(y[0], out[0], 0.0);
        dense.interpolate(0, 5, out, 0);
        assertEquals(exact(5), out[0], 0.0);
        assertEquals(1.0, dense.endTime(0), 0.0);
        dense.interpolate(0, 2.345, out, 0);
        assertEquals(exact(2.345), out[0], 1e-7);
    }
}
