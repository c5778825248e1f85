package org.diffusionplayground.model.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionplayground.model.data.GaussianMixture;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.lab.ConvergenceOrder;
import org.diffusionplayground.model.ode.Tolerance;
import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.util.Cancellation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Convergence orders of the fixed-step samplers on the exact score of the 8 gaussians (docs/MATH.md §3.3):
 * at 𝔥 = 0, from the same x_T, the RMS distance of the end points to an independent reference — adaptive
 * Dormand–Prince at tolerance 1e-10 — must fall like N^−p with p the method's order, fitted over N.
 */
class SamplerOrderTest {

    static final int N = 200;
    static final int[] STEPS = {32, 64, 128, 256};

    record Case(Sampler sampler, StepSchedule spacing, double order) {
    }

    static double[] prior(ReverseProcess p) {
        double[] xy = new double[2 * N];
        Sampler.samplePrior(p, xy, N, new CounterNormal(11));
        return xy;
    }

    static double[] solve(ReverseProcess p, Sampler sampler, TimeGrid grid) {
        return sampler.sample(p, prior(p), N, grid, new CounterNormal(11), StepObserver.NONE, Cancellation.NEVER)
                .positions();
    }

    static double rms(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s / N);
    }

    /** The fitted exponent p of error ∝ N^−p over {@link #STEPS}. */
    static double fittedOrder(ReverseProcess p, Sampler sampler, StepSchedule spacing, double[] reference) {
        double[] work = new double[STEPS.length];
        double[] err = new double[STEPS.length];
        for (int k = 0; k < STEPS.length; k++) {
            work[k] = STEPS[k];
            err[k] = rms(solve(p, sampler, TimeGrid.of(spacing, p.schedule(), STEPS[k])), reference);
        }
        return ConvergenceOrder.fit(work, err);
    }

    @ParameterizedTest
    @EnumSource(value = ScheduleKind.class, names = {"SIMPLE", "COSINE"})
    void eachNewSamplerConvergesAtItsOrderOnTheExactScore(ScheduleKind kind) {
        Schedule s = ScheduleSpec.of(kind).build();
        GaussianMixture m = ToyData.GAUSSIANS_8.mixture().orElseThrow();
        ReverseProcess p = new ReverseProcess(s, new MixtureScore(m, s, "exact"), 0.0);
        double[] reference = solve(p, new AdaptivePfOdeSampler(Tolerance.of(1e-10)),
                TimeGrid.of(StepSchedule.UNIFORM_T, s, 1));
        Case[] cases = {
            new Case(new Ddim(), StepSchedule.UNIFORM_LOG_SNR, 1),
            new Case(new DpmSolverPlusPlus2M(), StepSchedule.UNIFORM_LOG_SNR, 2),
            new Case(new EdmChurn(), StepSchedule.KARRAS, 2),
            new Case(new EdmChurn(), StepSchedule.UNIFORM_LOG_SNR, 2),
        };
        for (Case c : cases) {
            double order = fittedOrder(p, c.sampler(), c.spacing(), reference);
            assertEquals(c.order(), order, 0.3, kind + ", " + c.sampler().name() + " on " + c.spacing());
        }
    }
}
