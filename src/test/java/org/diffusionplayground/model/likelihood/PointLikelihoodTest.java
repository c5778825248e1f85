package org.diffusionplayground.model.likelihood;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.checkpoint.PretrainedModel;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.util.Cancellation;
import org.junit.jupiter.api.Test;

/**
 * One point explained: its numbers are the batch computation's, its path is the probability-flow ODE's
 * solution from x₀ to x_T, and ∇ log q_t along it meets the prior's gradient at T and ∇ log q₀ at t_min.
 */
class PointLikelihoodTest {

    @Test
    void aPointsPathSolvesThePfOdeFromX0ToXtAndItsNumbersAreTheBatchOnes() throws Exception {
        Checkpoint cp = PretrainedModel.byId("swissroll-simple").orElseThrow().load();
        Schedule schedule = cp.schedule().build();
        NetworkScore score = new NetworkScore(cp.network(), schedule);
        WkbLikelihood wkb = new WkbLikelihood(schedule, score, LikelihoodOptions.of(1e-5));
        double x0 = -0.8;
        double y0 = 0.45;
        PointLikelihood p = wkb.point(x0, y0, Cancellation.NEVER);
        LikelihoodResult batch = wkb.withCorrection(PointSet.of(new double[] {x0, y0}), null, Cancellation.NEVER);
        assertEquals(-batch.logQ0()[0], p.nll(), 0.0);
        assertEquals(batch.correction()[0], p.correction(), 0.0);
        assertEquals(Math.hypot(batch.gradLogQ0()[0], batch.gradLogQ0()[1]), p.gradNorm(), 0.0);

        int n = p.size();
        assertEquals(schedule.tMin(), p.times()[0], 0.0);
        assertEquals(schedule.tMax(), p.times()[n - 1], 1e-12);
        for (int i = 1; i < n; i++) {
            assertTrue(p.times()[i] > p.times()[i - 1], "times ascend");
        }
        assertArrayEquals(new double[] {x0, y0}, new double[] {p.path()[0], p.path()[1]}, 0.0, "starts at x₀");
        assertArrayEquals(p.terminal(), new double[] {p.path()[2 * n - 2], p.path()[2 * n - 1]}, 1e-12,
                "ends where the forward pass ended");

        // the path solves dx/dt = F₀(x, t): central differences of it against the PF-ODE drift at interior points
        ReverseProcess ode = new ReverseProcess(schedule, score, 0);
        double[] xy = new double[2];
        double[] f = new double[2];
        double[] s = new double[2];
        int checked = 0;
        for (int i = 1; i + 1 < n; i += Math.max(1, n / 20)) {
            double dt = p.times()[i + 1] - p.times()[i - 1];
            xy[0] = p.path()[2 * i];
            xy[1] = p.path()[2 * i + 1];
            ode.drift(p.times()[i], xy, 1, f, s);
            for (int c = 0; c < 2; c++) {
                double slope = (p.path()[2 * (i + 1) + c] - p.path()[2 * (i - 1) + c]) / dt;
                assertEquals(f[c], slope, 0.05 * (1 + Math.abs(f[c])), "dx/dt at t = " + p.times()[i]);
            }
            checked++;
        }
        assertTrue(checked >= 10, "points checked: " + checked);

        // ∇ log q_t along the path: the prior's −x_T/v at T, ∇ log q₀ at t_min
        double v = schedule.priorVariance();
        double[] g = p.gradLogQ();
        assertEquals(-p.terminal()[0] / v, g[2 * n - 2], 1e-9);
        assertEquals(-p.terminal()[1] / v, g[2 * n - 1], 1e-9);
        assertEquals(batch.gradLogQ0()[0], g[0], 1e-9 * (1 + Math.abs(g[0])));
        assertEquals(batch.gradLogQ0()[1], g[1], 1e-9 * (1 + Math.abs(g[1])));
    }
}
