package org.diffusionplayground.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.util.Estimate;
import org.junit.jupiter.api.Test;

class TimeSamplerTest {

    /** Mean of λ/p over n draws, with its standard error. */
    private static Estimate meanWeight(Schedule schedule, Weighting weighting, TimeSampling sampling, int n) {
        TimeSampler sampler = new TimeSampler(schedule, weighting, sampling);
        double[] t = new double[n];
        double[] w = new double[n];
        sampler.draw(new SplittableRandom(11), n, t, w, new int[n]);
        for (double ti : t) {
            assertTrue(ti >= schedule.tMin() && ti <= schedule.tMax(), "t out of range: " + ti);
        }
        return Estimate.of(w);
    }

    @Test
    void importanceWeightsAreUnbiasedForTheUniformG2Objective() {
        // E_{t~p}[g²/p̃] must equal the uniform mean of g²: SIMPLE g² = 20t ⇒ 10 (t_min + T) = 10.1
        Schedule simple = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        Estimate is = meanWeight(simple, Weighting.G2_IMPORTANCE, TimeSampling.UNIFORM, 200_000);
        assertEquals(10.1, is.mean(), 4 * is.standardError() + 1e-9);
        // COSINE: g² = π tan(πt/2), ∫ = 2[−ln cos(πt/2)]; the weight g²/p̃ ∝ σ² is bounded, so tiny error
        Schedule cosine = ScheduleSpec.of(ScheduleKind.COSINE).build();
        double a = cosine.tMin();
        double b = cosine.tMax();
        double exact = 2 * (Math.log(Math.cos(Math.PI * a / 2)) - Math.log(Math.cos(Math.PI * b / 2))) / (b - a);
        Estimate c = meanWeight(cosine, Weighting.G2_IMPORTANCE, TimeSampling.UNIFORM, 200_000);
        Estimate u = meanWeight(cosine, Weighting.G2, TimeSampling.UNIFORM, 200_000);
        assertEquals(exact, c.mean(), 4 * c.standardError());
        assertEquals(exact, u.mean(), 4 * u.standardError());
        assertTrue(c.standardError() < 0.25 * u.standardError(),
                "importance sampling should cut the variance: " + c + " vs uniform " + u);
    }

    @Test
    void gridIsThePapersLinspaceAndIsDrawnUniformly() {
        Schedule simple = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        TimeSampler sampler = new TimeSampler(simple, Weighting.G2, TimeSampling.GRID_1000);
        assertEquals(0.01, sampler.gridTime(0), 0);
        assertEquals(1.0, sampler.gridTime(999), 0);
        assertEquals(0.01 + 0.99 * 500 / 999, sampler.gridTime(500), 1e-15);
        int n = 100_000;
        double[] t = new double[n];
        double[] w = new double[n];
        int[] k = new int[n];
        sampler.draw(new SplittableRandom(3), n, t, w, k);
        int[] counts = new int[10];
        for (int i = 0; i < n; i++) {
            assertEquals(sampler.gridTime(k[i]), t[i], 0);
            assertEquals(20 * t[i], w[i], 1e-12);
            counts[k[i] / 100]++;
        }
        for (int c : counts) {
            assertEquals(n / 10.0, c, 4 * Math.sqrt(n * 0.1 * 0.9));
        }
    }

    @Test
    void epochsVisitEveryPointOncePerEpochAndDropTheRemainder() {
        BatchIndices b = new BatchIndices(Batching.EPOCHS, 10, 3);
        assertEquals(3, b.batchesPerEpoch());
        SplittableRandom rng = new SplittableRandom(1);
        int[] batch = new int[3];
        for (int epoch = 0; epoch < 4; epoch++) {
            boolean[] seen = new boolean[10];
            for (int s = 0; s < 3; s++) {
                b.next(rng, batch);
                for (int i : batch) {
                    assertTrue(!seen[i], "index " + i + " twice in one epoch");
                    seen[i] = true;
                }
            }
        }
    }

    @Test
    void flowMatchingWeightMakesTheLossTheVelocitysOwnSquaredError() {
        // λ‖s_θ − s‖² = λ a² ‖u_θ − u‖² with s = a·u + b·x: the weight must be 1/a², t²/(1 − t)² on the
        // linear interpolant (MATH.md §1.1)
        Schedule linear = ScheduleSpec.of(ScheduleKind.LINEAR).build();
        TimeSampler sampler = new TimeSampler(linear, Weighting.FLOW_MATCHING, TimeSampling.UNIFORM);
        for (int i = 0; i <= 10; i++) {
            double t = linear.tMin() + (linear.tMax() - linear.tMin()) * i / 10;
            double a = org.diffusionplayground.model.score.Target.VELOCITY.outputScale(linear, t);
            assertEquals(1.0, sampler.lambda(t) * a * a, 1e-12);
            assertEquals(t * t / ((1 - t) * (1 - t)), sampler.lambda(t), 1e-9 * sampler.lambda(t));
        }
    }
}
