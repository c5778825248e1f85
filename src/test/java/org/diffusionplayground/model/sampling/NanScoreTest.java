package org.diffusionplayground.model.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.reference.GaussianOracle;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.ScoreJets;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.util.Cancellation;
import org.junit.jupiter.api.Test;

/** A score that returns NaN in part of the plane: sampling ends, and the damage is counted, not hidden. */
class NanScoreTest {

    private final Schedule simple = ScheduleSpec.of(ScheduleKind.SIMPLE).build();

    private ScoreModel poisonedRightHalf() {
        ScoreModel good = new GaussianOracle(simple, 1, 1, 1).score();
        return new ScoreModel() {
            @Override
            public void score(double t, double[] xy, int n, double[] out) {
                good.score(t, xy, n, out);
                for (int i = 0; i < n; i++) {
                    if (xy[2 * i] > 2.5) {
                        out[2 * i] = Double.NaN;
                    }
                }
            }

            @Override
            public void jets(double[] t, double[] xy, int n, int order, ScoreJets out) {
                good.jets(t, xy, n, order, out);
            }

            @Override
            public String describe() {
                return "NaN for x > 2.5";
            }
        };
    }

    @Test
    void particlesThatMeetANanAreCountedAndTheOthersAreUntouched() {
        ReverseProcess process = new ReverseProcess(simple, poisonedRightHalf(), 1.0);
        SampledPaths paths = SampledPaths.run(process, new EulerMaruyama(), 4000, TimeGrid.uniform(simple, 100), 3, 2,
                null, Cancellation.NEVER);
        int diverged = paths.diverged();
        // particles that start in or diffuse into x > 2.5 (a few percent at 𝔥 = 1) are lost, the rest are not
        assertTrue(diverged > 5 && diverged < 1000, "diverged: " + diverged);
        double[] xy = paths.finalPositions();
        int finite = 0;
        for (int i = 0; i < 4000; i++) {
            if (Double.isFinite(xy[2 * i]) && Double.isFinite(xy[2 * i + 1])) {
                finite++;
            }
        }
        assertEquals(4000 - diverged, finite);
        // the same run with the healthy score loses nothing
        ReverseProcess healthy = new ReverseProcess(simple, new GaussianOracle(simple, 1, 1, 1).score(), 1.0);
        assertEquals(0, SampledPaths.run(healthy, new EulerMaruyama(), 4000, TimeGrid.uniform(simple, 100), 3, 2,
                null, Cancellation.NEVER).diverged());
    }

    @Test
    void theExponentialIntegratorReportsEachFailedParticleAndKeepsTheOthersFinite() {
        ReverseProcess process = new ReverseProcess(simple, poisonedRightHalf(), 1.0);
        double[] start = new double[2 * 4000];
        CounterNormal noise = new CounterNormal(3);
        Sampler.samplePrior(process, start, 4000, noise);
        SampleResult r = new ExponentialIntegrator().sample(process, start, 4000, TimeGrid.uniform(simple, 100), noise,
                StepObserver.NONE, Cancellation.NEVER);
        assertTrue(r.failures() > 5 && r.failures() < 1000, "failures: " + r.failures());
        for (int i = 0; i < 4000; i++) {
            boolean finite = Double.isFinite(r.positions()[2 * i]) && Double.isFinite(r.positions()[2 * i + 1]);
            assertEquals(!finite, r.failed()[i], "particle " + i);
        }
    }

    @Test
    void theAdaptiveSolverReportsFailuresInsteadOfLoopingForever() {
        ReverseProcess process = new ReverseProcess(simple, poisonedRightHalf(), 0.0);
        AdaptivePfOdeSampler sampler = new AdaptivePfOdeSampler(org.diffusionplayground.model.ode.Tolerance.of(1e-5));
        SampledPaths paths = SampledPaths.run(process, sampler, 2000, TimeGrid.uniform(simple, 10), 5, 2, null,
                Cancellation.NEVER);
        int failures = paths.result().failures();
        assertTrue(failures > 0, "failures: " + failures);
        assertTrue(failures < 100);
        assertTrue(paths.particles() == 2000);
    }
}
