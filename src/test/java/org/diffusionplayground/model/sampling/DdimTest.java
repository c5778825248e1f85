package org.diffusionplayground.model.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionplayground.model.data.GaussianMixture;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DDIM and EDM's churn against the 𝔥-process they stand for (docs/MATH.md §3.3): DDIM at η = 0 is the PF-ODE's
 * Euler step up to O(Δt²); DDIM at η = 1 and EDM's churn with the denoiser frozen are the exact 𝔥-transition,
 * draw for draw.
 */
class DdimTest {

    static final int N = 64;

    static ReverseProcess process(Schedule s, GaussianMixture m, double h) {
        return new ReverseProcess(s, new MixtureScore(m, s, "exact"), h);
    }

    static double[] points(ReverseProcess p) {
        double[] xy = new double[2 * N];
        Sampler.samplePrior(p, xy, N, new CounterNormal(5));
        return xy;
    }

    static double[] step(Sampler sampler, ReverseProcess p, double[] start, double t, double s) {
        double[] xy = start.clone();
        sampler.step(p, xy, N, t, s, new CounterNormal(9), 0, new StepWork(N));
        return xy;
    }

    static double maxDiff(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    @ParameterizedTest
    @EnumSource(value = ScheduleKind.class, names = {"SIMPLE", "COSINE", "VP_LINEAR"})
    void ddimAtEtaZeroIsTheProbabilityFlowEulerStepToSecondOrder(ScheduleKind kind) {
        Schedule s = ScheduleSpec.of(kind).build();
        ReverseProcess p = process(s, ToyData.GAUSSIANS_8.mixture().orElseThrow(), 0.0);
        for (double t : new double[] {0.2, 0.5, 0.8}) {
            double[] x = points(p);
            double previous = Double.NaN;
            for (double dt = 1e-2; dt >= 1e-4; dt /= 10) {
                double gap = maxDiff(step(new Ddim(), p, x, t, t - dt), step(new EulerMaruyama(), p, x, t, t - dt));
                assertTrue(gap < 0.05 * dt * (1 + maxDiff(x, new double[x.length])), kind + " t = " + t + " Δt = " + dt
                        + ": DDIM and Euler differ by " + gap + ", not o(Δt)");
                if (!Double.isNaN(previous)) { // O(Δt²): a tenth of the step, a hundredth of the gap
                    assertEquals(100, previous / gap, 15, kind + " t = " + t + " Δt = " + dt);
                }
                previous = gap;
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ScheduleKind.class, names = {"SIMPLE", "COSINE"})
    void ddimAtEtaOneIsTheExactReverseSdeTransitionWithFrozenDenoiser(ScheduleKind kind) {
        Schedule s = ScheduleSpec.of(kind).build();
        ReverseProcess p = process(s, ToyData.GAUSSIANS_25.mixture().orElseThrow(), 1.0);
        double[] x = points(p);
        // the exponential integrator's first step has D′ = 0: the exact 𝔥 = 1 transition with D frozen
        assertEquals(0, maxDiff(step(new Ddim(), p, x, 0.7, 0.6), step(new ExponentialIntegrator(), p, x, 0.7, 0.6)),
                1e-12);
    }

    @ParameterizedTest
    @EnumSource(value = ScheduleKind.class, names = {"SIMPLE", "COSINE", "VE"})
    void churnStepIsTheExactHTransitionWhenTheDenoiserIsFrozen(ScheduleKind kind) {
        Schedule s = ScheduleSpec.of(kind).build();
        // one data point: D(x, t) = μ everywhere, so the ODE's Heun step is exact and only the churn's 𝔥 matters
        GaussianMixture point = new GaussianMixture(new double[] {1}, new double[] {0.4, -0.3}, new double[] {0});
        for (double h : new double[] {0, 0.5, 2}) {
            ReverseProcess p = process(s, point, h);
            double[] x = points(p);
            double t = 0.5;
            double next = 0.45;
            assertEquals(0, maxDiff(step(new EdmChurn(), p, x, t, next),
                    step(new ExponentialIntegrator(), p, x, t, next)), 1e-9, kind + ", 𝔥 = " + h);
        }
    }

    @Test
    void ddimRefusesAStepItsNoiseCannotFillInWords() {
        Schedule s = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        ReverseProcess p = process(s, ToyData.GAUSSIANS_8.mixture().orElseThrow(), 9.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> step(new Ddim(), p, points(p), 0.9, 0.2));
        assertTrue(e.getMessage().contains("more steps"), e.getMessage());
    }
}
