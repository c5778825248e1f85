package org.diffusionplayground.model.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.junit.jupiter.api.Test;

class GaussianOracleTest {

    private final Schedule simple = ScheduleSpec.of(ScheduleKind.SIMPLE).build();

    @Test
    void exactScoreOfItsOwnPfDensityHasNoCorrection() {
        // λ = 1: s is the exact score of the diffused N(0, v₁) (MATH.md §6.1). With v₁ = 1 the model's
        // prior N(0, I) is exactly that density at T, so C ≡ 0.
        GaussianOracle matched = new GaussianOracle(simple, 1.0, 1.0, 1.0);
        assertEquals(0.0, matched.correction(0.8, -0.3), 1e-10);
        // With v₁ = 0.5 the only mismatch left is the prior's: c(T) = 1 − α_T²/2 ≈ 1 − 2.3e-5, and C is
        // of that order, not of order one.
        GaussianOracle unmatched = new GaussianOracle(simple, 1.0, 0.5, 1.0);
        double priorMismatch = 1 - unmatched.c(simple.tMax());
        assertEquals(0.0, unmatched.correction(0.8, -0.3), 10 * priorMismatch);
    }

    @Test
    void correctionIsTheHDerivativeOfTheExactLogDensity() {
        GaussianOracle oracle = new GaussianOracle(simple, 1.0, 0.5, 0.8);
        double h = 1e-5;
        double fd = (oracle.logDensity(h, 0.8, -0.3) - oracle.logDensity(-h, 0.8, -0.3)) / (2 * h);
        double c = oracle.correction(0.8, -0.3);
        assertEquals(fd, c, 1e-6 * Math.abs(c));
        // MATH.md §6.1 quotes C ≈ 264 for this configuration
        assertEquals(264, c, 1.0);
    }
}
