package org.diffusionplayground.model.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionplayground.model.data.GaussianMixture;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.util.Cancellation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The geometry where a backward integration of the path breaks (docs/results.md, "The backward pass"):
 * the exact score of 25 narrow gaussians (std 0.018, 0.71 apart), at points in the gaps between modes.
 * There the PF flow contracts hard toward the gaps — the volume along a path shrinks by e^{ℓ(T)} with
 * ℓ(T) = ∫∇·f_PF dt of −13 to −180 — and the score is large (|∇log q| up to 800).
 *
 * <p>The oracle is exact: with the mixture's own p_T as the terminal density, the PF density is p_t at
 * every t, so log q₀⁰ = log p_{t_min} in closed form and C ≡ 0 for every point and every 𝔥 (MATH.md
 * §5: C = −∫½g² (1/q⁰)∇·(q⁰(s − ∇log q⁰)) dt with s = ∇log q⁰). Both forms of C must tend to 0 as the
 * tolerance tightens, point by point.
 */
class WkbLikelihoodNarrowModesTest {

    private static final GaussianMixture MODES = ToyData.GAUSSIANS_25.mixture().orElseThrow();

    /** Points between modes: a midpoint, off-centre gap points, the centre of four modes, a far gap. */
    private static PointSet gapPoints() {
        double ax = MODES.meanX(0);
        double ay = MODES.meanY(0);
        double bx = MODES.meanX(1);
        double by = MODES.meanY(1);
        double mx = 0.5 * (ax + bx);
        double my = 0.5 * (ay + by);
        return PointSet.of(new double[] {mx, my, mx + 0.01, my + 0.02, 0.3 * ax + 0.7 * bx, 0.3 * ay + 0.7 * by,
            0.1, 0.2, -0.2, 0.15, 0.33, -0.4});
    }

    @ParameterizedTest
    @EnumSource(value = ScheduleKind.class, names = {"SIMPLE", "COSINE"})
    void correctionOfTheExactScoreVanishesBetweenNarrowModesAsTheToleranceTightens(ScheduleKind kind) {
        Schedule schedule = ScheduleSpec.of(kind).build();
        MixtureScore exact = new MixtureScore(MODES, schedule, "25 narrow gaussians");
        PointSet points = gapPoints();
        double[] tolerances = {1e-3, 1e-5, 1e-7, 1e-9};
        double[][] c = new double[tolerances.length][];
        for (int k = 0; k < tolerances.length; k++) {
            double tol = tolerances[k];
            LikelihoodResult r = new WkbLikelihood(schedule, exact, LikelihoodOptions.of(tol).withDeltaXForm(true),
                    TerminalDensity.diffused(exact)).withCorrection(points, null, Cancellation.NEVER);
            c[k] = r.correction();
            for (int i = 0; i < points.size(); i++) {
                assertNull(r.failure()[i], "tol " + tol + ", point " + i);
                assertTrue(Double.isFinite(r.correction()[i]), "tol " + tol + ", point " + i);
                if (tol > 1e-4) {
                    continue;
                }
                double truth = exact.logDensity(schedule.tMin(), points.x(i), points.y(i));
                // the contraction this test is about: ℓ(T) = log q₀ − log q_T(x_T) ≤ −13 at every point
                assertTrue(truth < -13, "point " + i + " is not in a gap: log p = " + truth);
                assertEquals(truth, r.logQ0()[i], 2e3 * tol * Math.abs(truth), "log q0, tol " + tol + ", point " + i);
                // |C| falls like the tolerance (at most 1.6e-2 at 1e-5, 2.3e-4 at 1e-7, 9e-7 at 1e-9); a path
                // integrated backward through the gap gave |C| of 10⁵ to 10¹³³ on trained models
                assertEquals(0.0, r.correction()[i], 5e3 * tol, "adjoint C, tol " + tol + ", point " + i);
                assertEquals(0.0, r.correctionDeltaXForm()[i], 5e3 * tol, "δx-form C, tol " + tol + ", point " + i);
            }
        }
        for (int i = 0; i < points.size(); i++) {
            assertTrue(Math.abs(c[3][i]) < 0.05 * Math.abs(c[1][i]) + 1e-9,
                    "C converges at point " + i + ": " + c[1][i] + " at 1e-5, " + c[3][i] + " at 1e-9");
        }
    }
}
