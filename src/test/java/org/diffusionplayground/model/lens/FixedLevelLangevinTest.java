package org.diffusionplayground.model.lens;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.diffusionplayground.model.data.GaussianMixture;
import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.reference.GaussianOracle;
import org.diffusionplayground.model.sampling.StepObserver;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.util.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FixedLevelLangevinTest {

    private final Schedule simple = ScheduleSpec.of(ScheduleKind.SIMPLE).build();

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.5, 1.0})
    void stationaryVarianceOnAGaussianMatchesTheStepSizeFormula(double etaOverV) {
        // the oracle's exact score at t is that of N(0, v I), v = α² v₀ + σ²; ULA with step η is the AR(1)
        // map x ← (1 − η/2v) x + √η z, stationary at v/(1 − η/(4v)) — 2.6 %, 14 % and 33 % above v here
        GaussianOracle oracle = new GaussianOracle(simple, 0.2, 0.2, 1.0);
        double t = 0.15;
        double v = oracle.c(t);
        double eta = etaOverV * v;
        int n = 20_000;
        double[] xy = new double[2 * n];
        CounterNormal noise = new CounterNormal(4);
        noise.fill(-1, xy, n);
        // contraction (1 − η/2v)^k ≤ 0.95^400 ≈ 1e-9: the start is forgotten
        new FixedLevelLangevin(oracle.score(), t, eta).run(xy, n, 0, 400, noise, StepObserver.NONE, Cancellation.NEVER);
        double sum2 = 0;
        for (double c : xy) {
            sum2 += c * c;
        }
        double variance = sum2 / xy.length; // mean is 0 by symmetry
        double exact = FixedLevelLangevin.stationaryVariance(v, eta);
        double se = exact * Math.sqrt(2.0 / xy.length);
        assertEquals(exact, variance, 4 * se, "η/v = " + etaOverV);
        // and the bias is real: the chain does not sample N(0, v) (except when η/v is small)
        if (etaOverV >= 0.5) {
            assertEquals(true, Math.abs(variance - v) > 8 * se, "step-size bias visible");
        }
    }

    @Test
    void hopCounterCountsLabelChangesAndOccupancy() {
        // two modes at (±1, 0): x > 0 belongs to the right one
        GaussianMixture m = new GaussianMixture(new double[] {1, 1}, new double[] {-1, 0, 1, 0}, new double[] {0.01, 0.01});
        MixtureScore mix = new MixtureScore(m, simple, "two");
        ModeHopCounter counter = new ModeHopCounter(mix, simple.tMin());
        counter.onStep(0, 0, new double[] {-1, 0, 1, 0, 0.9, 0}, 3);
        counter.onStep(1, 0, new double[] {1, 0, 1, 0, 0.9, 0}, 3);   // particle 0 hops
        counter.onStep(2, 0, new double[] {-1, 0, -1, 0, 0.9, 0}, 3); // particles 0 and 1 hop
        assertEquals(3, counter.hops());
        assertArrayEquals(new long[] {0, 1, 3}, counter.history());
        double[] occ = counter.occupancy();
        assertEquals(2.0 / 3, occ[0], 1e-12);
        assertEquals(1.0 / 3, occ[1], 1e-12);
        assertEquals(1.0 / 6, counter.weightError(), 1e-12);
    }

    @Test
    void atSmallNoiseTheChainStaysInItsModeWhileAtLargeNoiseItHops() {
        // the reason for annealing: with two modes at ±1 (std 0.1), at t_min no particle crosses in 500
        // steps, at t = 0.5 (modes merged into one broad bump) a large fraction hops
        GaussianMixture m = new GaussianMixture(new double[] {1, 1}, new double[] {-1, 0, 1, 0}, new double[] {0.01, 0.01});
        MixtureScore mix = new MixtureScore(m, simple, "two");
        int n = 2000;
        long[] hops = new long[2];
        double[] times = {simple.tMin(), 0.5};
        for (int j = 0; j < 2; j++) {
            double t = times[j];
            double v = simple.alpha(t) * simple.alpha(t) * 0.01 + simple.variance(t);
            double[] xy = new double[2 * n];
            CounterNormal noise = new CounterNormal(9);
            noise.fill(-1, xy, n);
            ModeHopCounter counter = new ModeHopCounter(mix, t);
            FixedLevelLangevin chain = new FixedLevelLangevin(mix, t, 0.2 * v);
            chain.run(xy, n, 0, 50, noise, StepObserver.NONE, Cancellation.NEVER); // settle into the modes
            chain.run(xy, n, 50, 500, noise, counter, Cancellation.NEVER);
            hops[j] = counter.hops();
        }
        assertEquals(0, hops[0], "t_min: stuck");
        assertEquals(true, hops[1] > n, "t = 0.5: " + hops[1] + " hops");
    }

    @Test
    void rejectsAbsurdStepSizes() {
        GaussianOracle oracle = new GaussianOracle(simple, 1, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> new FixedLevelLangevin(oracle.score(), 0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new FixedLevelLangevin(oracle.score(), 0.1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new FixedLevelLangevin(oracle.score(), 0.1, -1));
    }
}
