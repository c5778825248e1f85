package org.diffusionplayground.model.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.sampling.Ddim;
import org.diffusionplayground.model.sampling.DpmSolverPlusPlus2M;
import org.diffusionplayground.model.sampling.EdmChurn;
import org.diffusionplayground.model.sampling.Heun;
import org.diffusionplayground.model.sampling.StepSchedule;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.ProgressListener;
import org.junit.jupiter.api.Test;

/** The sampler lab on the 8 gaussians, whose exact score is known (docs/MATH.md §3.4, §6.2). */
class SamplerLabTest {

    static final Schedule SCHEDULE = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
    static final MixtureScore EXACT = new MixtureScore(ToyData.GAUSSIANS_8.mixture().orElseThrow(), SCHEDULE, "exact");
    static final DataSet DATA = DataSet.builtIn(ToyData.GAUSSIANS_8, 400, 1);
    static final LabOptions OPTIONS = new LabOptions(new int[] {64, 128, 256, 512}, 300, 4, 0.0, 200);

    static final LabSampler DDIM = new LabSampler("DDIM", new Ddim(), StepSchedule.UNIFORM_LOG_SNR);
    static final LabSampler DPM = new LabSampler("DPM", new DpmSolverPlusPlus2M(), StepSchedule.UNIFORM_LOG_SNR);
    static final LabSampler EDM = new LabSampler("EDM", new EdmChurn(), StepSchedule.KARRAS);
    static final LabSampler HEUN = new LabSampler("Heun", new Heun(), StepSchedule.UNIFORM_T);

    static LabReport run(ScoreModel model, LabOptions options, List<LabSampler> samplers) {
        return new SamplerLab(SCHEDULE, model, EXACT, DATA, options).run(samplers, ProgressListener.NONE,
                Cancellation.NEVER);
    }

    @Test
    void withTheExactScoreEachSamplersErrorFallsAtItsOrderAndTheBudgetIsKept() {
        LabReport r = run(EXACT, OPTIONS, List.of(DDIM, DPM, EDM, HEUN));
        assertEquals(16, r.cells().size());
        for (LabCell c : r.cells()) {
            assertTrue(c.nfe() <= c.budget() && c.nfe() == c.steps() * c.sampler().sampler().evaluationsPerStep(),
                    c.sampler().name() + " spent " + c.nfe() + " of " + c.budget());
            assertEquals(0, c.failures());
            assertTrue(Double.isNaN(c.networkError()), "the exact score has no network error");
            assertTrue(c.exactError() > 20 * r.referenceError(), c.sampler().name() + ": the reference solve ("
                    + r.referenceError() + ") must be far more accurate than " + c.exactError());
        }
        assertEquals(1, r.observedOrder(DDIM), 0.2);
        assertEquals(2, r.observedOrder(DPM), 0.3);
        assertEquals(2, r.observedOrder(EDM), 0.3);
        assertEquals(2, r.observedOrder(HEUN), 0.3);
        assertTrue(r.w2Floor() > 0 && r.mmd2Floor() < 0.01, "floor " + r.w2Floor() + ", " + r.mmd2Floor());
    }

    @Test
    void aModelThatIsTheExactScoreInDisguiseHasNoNetworkErrorBecauseTheNoiseIsShared() {
        ScoreModel disguised = new MixtureScore(EXACT.mixture(), SCHEDULE, "the exact score under another name");
        LabReport r = run(disguised, new LabOptions(new int[] {8, 16}, 100, 2, 0.5, 100), List.of(DDIM, DPM, EDM));
        assertTrue(r.networkModel());
        for (LabCell c : r.cells()) {
            assertEquals(0, c.networkError(), 0, c.sampler().name() + " at " + c.budget());
            assertFalse(Double.isNaN(c.exactError()), "𝔥 > 0: W2 to the exact law");
        }
    }

    @Test
    void badOptionsAreRefusedInWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LabOptions(new int[] {10, 10}, 100, 1, 0, 100));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LabOptions(new int[] {0}, 100, 1, 0, 100));
        assertThrows(IllegalArgumentException.class, () -> new LabOptions(new int[] {10}, 1, 1, 0, 100));
        assertThrows(IllegalArgumentException.class, () -> new LabOptions(new int[] {10}, 100, 1, -1, 100));
    }

    @Test
    void convergenceOrderIsTheSlopeOfAnExactPowerLaw() {
        double[] n = {10, 20, 40, 80};
        double[] e = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            e[i] = 3.0 * Math.pow(n[i], -1.5);
        }
        assertEquals(1.5, ConvergenceOrder.fit(n, e), 1e-12);
        assertTrue(Double.isNaN(ConvergenceOrder.fit(new double[] {10, 20}, new double[] {0.1, Double.NaN})));
    }
}
