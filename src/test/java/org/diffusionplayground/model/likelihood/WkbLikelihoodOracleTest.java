package org.diffusionplayground.model.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.reference.GaussianOracle;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.util.Cancellation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MATH.md §6.1: with a deliberately wrong linear score every 𝔥-density is Gaussian with a closed-form
 * variance, so the PF-ODE log-likelihood and the WKB coefficient C = ∂_𝔥 log q₀^𝔥 at 0 are exact.
 */
class WkbLikelihoodOracleTest {

    private static final PointSet POINTS = PointSet.of(new double[] {0.8, -0.3, -1.2, 0.4, 0.05, 0.1, 1.7, 1.1});

    @ParameterizedTest
    @EnumSource(value = ScheduleKind.class, names = {"SIMPLE", "VP_LINEAR", "COSINE"})
    void wkbCorrectionMatchesExactDerivativeForGaussianOracle(ScheduleKind kind) {
        Schedule schedule = ScheduleSpec.of(kind).build();
        GaussianOracle oracle = new GaussianOracle(schedule, 1.0, 0.5, 0.95);
        WkbLikelihood likelihood = new WkbLikelihood(schedule, oracle.score(),
                LikelihoodOptions.of(1e-10).withDeltaXForm(true));
        LikelihoodResult r = likelihood.withCorrection(POINTS, null, Cancellation.NEVER);
        assertEquals(0, r.failures());
        double v = oracle.modelVariance(0);
        for (int i = 0; i < POINTS.size(); i++) {
            double x = POINTS.x(i);
            double y = POINTS.y(i);
            double exactLog = oracle.logDensity(0, x, y);
            double exactC = oracle.correction(x, y);
            assertEquals(exactLog, r.logQ0()[i], 1e-7 * (1 + Math.abs(exactLog)), "log q0 at point " + i);
            assertEquals(exactC, r.correction()[i], 1e-6 * Math.abs(exactC), "adjoint-form C at point " + i);
            assertEquals(r.correction()[i], r.correctionDeltaXForm()[i], 1e-6 * Math.abs(exactC), "δx-form C at point " + i);
            // ∇ log q₀⁰ = −x/V and Δ log q₀⁰ = −2/V for q₀⁰ = N(0, V I)
            assertEquals(-x / v, r.gradLogQ0()[2 * i], 1e-6 * (1 + Math.abs(x / v)));
            assertEquals(-y / v, r.gradLogQ0()[2 * i + 1], 1e-6 * (1 + Math.abs(y / v)));
            assertEquals(-2 / v, r.laplacianLogQ0()[i], 1e-6 * 2 / v);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ScheduleKind.class, names = {"SIMPLE", "COSINE"})
    void correctionGrowsFastAsTheScoreLeavesItsOwnDensity(ScheduleKind kind) {
        // λ = 0.8 gives a large C (MATH.md §6.1 quotes ≈ 264 at (0.8, −0.3) under SIMPLE); the
        // solver must still follow it to a relative 1e-6 at a tight tolerance.
        Schedule schedule = ScheduleSpec.of(kind).build();
        GaussianOracle oracle = new GaussianOracle(schedule, 1.0, 0.5, 0.8);
        WkbLikelihood likelihood = new WkbLikelihood(schedule, oracle.score(), LikelihoodOptions.of(1e-10));
        LikelihoodResult r = likelihood.withCorrection(PointSet.of(new double[] {0.8, -0.3}), null, Cancellation.NEVER);
        double exact = oracle.correction(0.8, -0.3);
        assertTrue(Math.abs(exact) > 10, "the configuration must give a large correction, got " + exact);
        assertEquals(exact, r.correction()[0], 1e-6 * Math.abs(exact));
    }

    @org.junit.jupiter.api.Test
    void papersFiniteDifferenceVariantApproximatesTheExactCorrection() {
        // The paper's method (Δx = 0.01, inner tol 1e-5, outer 1e-3) is approximate: its error is
        // O(Δx²) plus inner-tolerance noise amplified by 1/Δx² in the Laplacian.
        Schedule schedule = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        GaussianOracle oracle = new GaussianOracle(schedule, 1.0, 0.5, 0.95);
        PointSet points = PointSet.of(new double[] {0.8, -0.3, -0.4, 0.2});
        LikelihoodResult fd = new FiniteDifferenceWkb(schedule, oracle.score(),
                org.diffusionplayground.model.ode.Tolerance.of(1e-3), org.diffusionplayground.model.ode.Tolerance.of(1e-5),
                0.01).compute(points, null, Cancellation.NEVER);
        for (int i = 0; i < points.size(); i++) {
            double exact = oracle.correction(points.x(i), points.y(i));
            assertEquals(exact, fd.correction()[i], 0.05 * Math.abs(exact) + 0.05, "point " + i);
        }
    }
}
