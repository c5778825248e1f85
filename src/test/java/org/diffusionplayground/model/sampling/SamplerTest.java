package org.diffusionplayground.model.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionplayground.model.ode.Tolerance;
import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.reference.GaussianOracle;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.util.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SamplerTest {

    private static final int N = 40_000;
    private final Schedule simple = ScheduleSpec.of(ScheduleKind.SIMPLE).build();

    private static double sampleVariance(double[] xy) {
        double sum = 0;
        double sum2 = 0;
        for (double v : xy) {
            sum += v;
            sum2 += v * v;
        }
        double mean = sum / xy.length;
        return (sum2 - xy.length * mean * mean) / (xy.length - 1);
    }

    private double[] sample(ReverseProcess process, Sampler sampler, int steps, long seed) {
        double[] xy = new double[2 * N];
        CounterNormal noise = new CounterNormal(seed);
        Sampler.samplePrior(process, xy, N, noise);
        return sampler.sample(process, xy, N, TimeGrid.uniform(process.schedule(), steps), noise, StepObserver.NONE,
                Cancellation.NEVER).positions();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.5, 1.0, 2.0})
    void samplerVarianceMatchesClosedFormAtEveryH(double h) {
        // MATH.md §6.1: with the wrong linear score every 𝔥-sampler ends in N(0, V_𝔥(t_min) I)
        GaussianOracle oracle = new GaussianOracle(simple, 1.0, 0.5, 0.9);
        ReverseProcess process = new ReverseProcess(simple, oracle.score(), h);
        double v = sampleVariance(sample(process, new EulerMaruyama(), 2000, 1));
        double exact = oracle.modelVariance(h);
        double mcError = exact * Math.sqrt(2.0 / (2 * N));
        // 4 standard errors of the variance estimate plus the O(Δt) Euler bias (measured < 0.3 % at 2000 steps)
        assertEquals(exact, v, 4 * mcError + 3e-3 * exact, "𝔥 = " + h);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, 2.0})
    void exactScoreGivesTheDataVarianceAtEveryH(double h) {
        // λ = 1 and v₁ = v₀: the exact score, so every 𝔥 returns the data N(0, v₀), up to the prior's
        // mismatch α_T² v₀ ≈ 2e-5 and the Euler bias
        GaussianOracle oracle = new GaussianOracle(simple, 0.3, 0.3, 1.0);
        double v = sampleVariance(sample(new ReverseProcess(simple, oracle.score(), h), new EulerMaruyama(), 2000, 2));
        assertEquals(0.3, v, 4 * 0.3 * Math.sqrt(2.0 / (2 * N)) + 3e-3 * 0.3);
    }

    @Test
    void heunAndAdaptiveSolversAgreeOnTheProbabilityFlow() {
        GaussianOracle oracle = new GaussianOracle(simple, 1.0, 0.5, 0.9);
        ReverseProcess pf = new ReverseProcess(simple, oracle.score(), 0);
        int n = 64;
        double[] a = new double[2 * n];
        CounterNormal noise = new CounterNormal(5);
        Sampler.samplePrior(pf, a, n, noise);
        double[] start = a;
        a = new Heun().sample(pf, start, n, TimeGrid.uniform(simple, 400), noise, StepObserver.NONE,
                Cancellation.NEVER).positions();
        double[] b = new AdaptivePfOdeSampler(Tolerance.of(1e-9)).sample(pf, start, n, TimeGrid.uniform(simple, 10),
                noise, StepObserver.NONE, Cancellation.NEVER).positions();
        for (int i = 0; i < 2 * n; i++) {
            assertEquals(b[i], a[i], 1e-4 * (1 + Math.abs(b[i])));
        }
        assertThrows(IllegalArgumentException.class, () -> new Heun().sample(pf.withH(1), start, n,
                TimeGrid.uniform(simple, 10), noise, StepObserver.NONE, Cancellation.NEVER));
    }

    @Test
    void theSameSeedGivesTheSameNoiseAtEveryH() {
        GaussianOracle oracle = new GaussianOracle(simple, 1.0, 0.5, 0.9);
        int n = 100;
        double[][] starts = new double[2][];
        double[][] ends = new double[2][];
        for (int r = 0; r < 2; r++) {
            ReverseProcess p = new ReverseProcess(simple, oracle.score(), r == 0 ? 0.7 : 1.3);
            double[] xy = new double[2 * n];
            CounterNormal noise = new CounterNormal(99);
            Sampler.samplePrior(p, xy, n, noise);
            starts[r] = xy.clone();
            ends[r] = new EulerMaruyama().sample(p, xy, n, TimeGrid.uniform(simple, 50), noise, StepObserver.NONE,
                    Cancellation.NEVER).positions();
        }
        assertArrayEquals(starts[0], starts[1], 0.0);
        // and a rerun at the same 𝔥 is bit-for-bit identical, whatever the thread split
        double[] again = new EulerMaruyama().sample(new ReverseProcess(simple, oracle.score(), 0.7), starts[0], n,
                TimeGrid.uniform(simple, 50), new CounterNormal(99), StepObserver.NONE, Cancellation.NEVER).positions();
        assertArrayEquals(ends[0], again, 0.0);
    }

    @Test
    void actionOfAnEulerMaruyamaPathIsHalfTheSquaredNoiseTimesH() {
        // Ã_𝔥 of an EM path at its own 𝔥 is Σ_k 𝔥 ‖z_k‖²/2, and a PF-ODE Euler path has zero action.
        GaussianOracle oracle = new GaussianOracle(simple, 1.0, 0.5, 0.9);
        double h = 0.8;
        ReverseProcess p = new ReverseProcess(simple, oracle.score(), h);
        TimeGrid grid = TimeGrid.uniform(simple, 200);
        CounterNormal noise = new CounterNormal(17);
        double[] xy = new double[2];
        Sampler.samplePrior(p, xy, 1, noise);
        TrajectoryRecorder rec = new TrajectoryRecorder(1, grid.steps(), 1);
        double[] path = new double[2 * (grid.steps() + 1)];
        new EulerMaruyama().sample(p, xy, 1, grid, noise, (k, t, pos, n) -> {
            path[2 * k] = pos[0];
            path[2 * k + 1] = pos[1];
            rec.onStep(k, t, pos, n);
        }, Cancellation.NEVER);
        double expected = 0;
        double[] z = new double[2];
        for (int k = 0; k < grid.steps(); k++) {
            noise.pair(k, 0, z, 0);
            expected += h * (z[0] * z[0] + z[1] * z[1]) / 2;
        }
        assertEquals(expected, PathAction.of(p, grid.times(), path), 1e-9 * expected);
        assertEquals(grid.steps() + 1, rec.frames());
        assertEquals((float) path[2 * grid.steps()], rec.x(rec.frames() - 1, 0));

        double[] ode = new double[2];
        Sampler.samplePrior(p, ode, 1, noise);
        double[] odePath = new double[2 * (grid.steps() + 1)];
        new EulerMaruyama().sample(p.probabilityFlow(), ode, 1, grid, noise, (k, t, pos, n) -> {
            odePath[2 * k] = pos[0];
            odePath[2 * k + 1] = pos[1];
        }, Cancellation.NEVER);
        assertEquals(0.0, PathAction.of(p.probabilityFlow(), grid.times(), odePath), 1e-20);
        assertTrue(PathAction.of(p, grid.times(), odePath) > 0, "the ODE path is not a zero-action path at 𝔥 > 0");
    }

    @Test
    void langevinCorrectorKeepsTheExactDistribution() {
        GaussianOracle oracle = new GaussianOracle(simple, 0.5, 0.5, 1.0);
        ReverseProcess p = new ReverseProcess(simple, oracle.score(), 1.0);
        double v = sampleVariance(sample(p, new EulerMaruyama().withCorrector(new LangevinCorrector(1, 0.16)), 500, 4));
        assertEquals(0.5, v, 4 * 0.5 * Math.sqrt(2.0 / (2 * N)) + 0.01 * 0.5);
    }

    @Test
    void theCorrectorComposesWithTheAdaptivePredictorAndObserversSeeTheCorrectedState() {
        // exact score of N(0, ½): the probability flow and every Langevin move keep the law (score_sde's PC)
        GaussianOracle oracle = new GaussianOracle(simple, 0.5, 0.5, 1.0);
        ReverseProcess pf = new ReverseProcess(simple, oracle.score(), 0);
        int n = 10_000;
        double[] start = new double[2 * n];
        CounterNormal noise = new CounterNormal(8);
        Sampler.samplePrior(pf, start, n, noise);
        Sampler pc = new AdaptivePfOdeSampler(Tolerance.of(1e-6)).withCorrector(new LangevinCorrector(1, 0.16));
        double[] last = new double[2 * n];
        SampleResult r = pc.sample(pf, start, n, TimeGrid.uniform(simple, 50), noise,
                (k, t, pos, count) -> System.arraycopy(pos, 0, last, 0, pos.length), Cancellation.NEVER);
        assertArrayEquals(r.positions(), last, 0.0);
        assertEquals(0, r.failures());
        assertEquals(50, r.steps());
        assertTrue(r.scoreEvaluations() > 50L * n, "evaluations " + r.scoreEvaluations());
        double v = sampleVariance(r.positions());
        assertEquals(0.5, v, 4 * 0.5 * Math.sqrt(2.0 / (2 * n)) + 0.01 * 0.5);
    }

    @Test
    void badHIsRejectedWithAMessage() {
        GaussianOracle oracle = new GaussianOracle(simple, 1.0, 0.5, 0.9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReverseProcess(simple, oracle.score(), -0.1));
        assertTrue(e.getMessage().contains("≥ 0"));
        assertThrows(IllegalArgumentException.class, () -> new ReverseProcess(simple, oracle.score(), Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> TimeGrid.uniform(simple, 0));
    }
}
