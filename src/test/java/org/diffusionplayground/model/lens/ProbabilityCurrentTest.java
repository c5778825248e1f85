package org.diffusionplayground.model.lens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionplayground.model.data.GaussianMixture;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.reference.DensityFrame;
import org.diffusionplayground.model.reference.FokkerPlanckOptions;
import org.diffusionplayground.model.reference.FokkerPlanckResult;
import org.diffusionplayground.model.reference.FokkerPlanckSolver;
import org.diffusionplayground.model.reference.GaussianOracle;
import org.diffusionplayground.model.reference.Region;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.util.Cancellation;
import org.junit.jupiter.api.Test;

/**
 * J/q on the Fokker–Planck grid against the probability-flow velocity (MATH.md §7.3): the same field for
 * the exact score, and for a wrong score the difference (g²/2)(s_θ − ∇log q_t) of the oracle's closed form.
 */
class ProbabilityCurrentTest {

    private static final Schedule SIMPLE = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
    private static final Region BOX = new Region(-2.5, -2.5, 2.5, 2.5);
    private static final FokkerPlanckOptions GRID = new FokkerPlanckOptions(96, 96, 0, 0.1, 0.4, 6);

    /** The density of the PF process (𝔥 = 0) for a score, at the kept frame nearest t = 0.35. */
    private static DensityFrame pfDensity(ScoreModel score, Region box) {
        FokkerPlanckResult r = new FokkerPlanckSolver(SIMPLE, score, GRID).solve(box, new double[] {0},
                PointSet.of(new double[0]), 21, null, Cancellation.NEVER);
        DensityFrame best = null;
        for (DensityFrame f : r.marginal(0).frames()) {
            if (best == null || Math.abs(f.t() - 0.35) < Math.abs(best.t() - 0.35)) {
                best = f;
            }
        }
        return best;
    }

    private static double[] nodes(double half, int m) {
        double[] xy = new double[2 * m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                xy[2 * (i * m + j)] = -half + 2 * half * i / (m - 1);
                xy[2 * (i * m + j) + 1] = -half + 2 * half * j / (m - 1);
            }
        }
        return xy;
    }

    @Test
    void currentOfTheExactScoresDensityIsThePfVelocity() {
        // oracle with λ = 1, v₁ = v₀: the model is the exact score of N(0, v₀) diffused; the grid's density is p_t
        GaussianOracle oracle = new GaussianOracle(SIMPLE, 0.5, 0.5, 1.0);
        DensityFrame q = pfDensity(oracle.score(), BOX);
        double sd = Math.sqrt(oracle.c(q.t()));
        ProbabilityCurrent.Field f = ProbabilityCurrent.at(q, SIMPLE, oracle.score(), nodes(2 * sd, 15), 1e-3);
        assertEquals(15 * 15, count(f), "every node within 2 sd is resolved");
        float[] exactValues = new float[q.n() * q.n()];
        for (int j = 0; j < q.n(); j++) {
            for (int i = 0; i < q.n(); i++) {
                double x = q.x(i);
                double y = q.y(j);
                double vv = oracle.c(q.t());
                exactValues[j * q.n() + i] = (float) (Math.exp(-(x * x + y * y) / (2 * vv)) / (2 * Math.PI * vv));
            }
        }
        // the same frame filled with the exact Gaussian: log q is quadratic, its central differences exact,
        // so what remains is float rounding — the grid's own error below is the solver's
        DensityFrame ex = new DensityFrame(q.t(), 0, q.region(), q.n(), exactValues);
        assertTrue(ProbabilityCurrent.at(ex, SIMPLE, oracle.score(), nodes(2 * sd, 15), 1e-3).relativeDifference() < 1e-6);
        // the 96² grid's density has ∇log q within 0.3 % of the score (measured 0.28 %)
        assertTrue(f.relativeDifference() < 0.01, "‖s − ∇log q‖ / ‖s‖ = " + f.relativeDifference());
    }

    @Test
    void currentOfTheExactMixtureScoresDensityIsThePfVelocity() {
        GaussianMixture m = ToyData.GAUSSIANS_8.mixture().orElseThrow();
        MixtureScore exact = new MixtureScore(m, SIMPLE, "8 gaussians");
        DensityFrame q = pfDensity(exact, Region.around(ToyData.GAUSSIANS_8.generate(2000, 1), 0.05));
        ProbabilityCurrent.Field f = ProbabilityCurrent.at(q, SIMPLE, exact, nodes(1.8, 21), 1e-3);
        assertTrue(count(f) > 300, count(f) + " resolved nodes");
        // measured 0.1 %: at t ≈ 0.33 the eight components are broad on the 96² grid
        assertTrue(f.relativeDifference() < 0.01, "‖s − ∇log q‖ / ‖s‖ = " + f.relativeDifference());
    }

    @Test
    void differenceFieldOfAWrongScoreIsItsDistanceToTheScoreOfItsOwnDensity() {
        // λ = 0.9: s = −x/c(t) while the PF density is N(0, V(t) I), V from the oracle's ODE; so
        // J/q − v_PF = (g²/2)(−x/c + x/V), a radial field the grid must reproduce
        GaussianOracle oracle = new GaussianOracle(SIMPLE, 1.0, 0.5, 0.9);
        DensityFrame q = pfDensity(oracle.score(), BOX);
        double t = q.t();
        double v = oracle.modelVariance(0, t);
        double gain = 0.5 * SIMPLE.g2(t) * (1 / v - 1 / oracle.c(t));
        double[] xy = nodes(2 * Math.sqrt(v), 15);
        ProbabilityCurrent.Field f = ProbabilityCurrent.at(q, SIMPLE, oracle.score(), xy, 1e-3);
        double[] d = f.difference();
        double err = 0;
        double ref = 0;
        for (int k = 0; k < f.size(); k++) {
            assertTrue(f.resolved()[k]);
            for (int c = 0; c < 2; c++) {
                double expected = gain * xy[2 * k + c];
                err += (d[2 * k + c] - expected) * (d[2 * k + c] - expected);
                ref += expected * expected;
            }
        }
        assertTrue(Math.abs(gain) > 0.05, "the test needs a visible difference, gain " + gain);
        // measured 2 %: the grid's ∇log q error (0.3 % of the score, above) relative to a difference of
        // about the score's own size
        assertTrue(Math.sqrt(err / ref) < 0.06, "relative error of the difference field " + Math.sqrt(err / ref));
        assertTrue(f.relativeDifference() > 0.05, "and it is not small: " + f.relativeDifference());
    }

    private static int count(ProbabilityCurrent.Field f) {
        int n = 0;
        for (boolean b : f.resolved()) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
