package org.diffusionplayground.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.sampling.SampleResult;
import org.diffusionplayground.model.sampling.Sampler;
import org.diffusionplayground.model.sampling.StepObserver;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.util.Cancellation;
import org.junit.jupiter.api.Test;

/**
 * What a sampler says a step costs is what it spends: the sampler lab turns budgets of score evaluations into
 * steps with {@link Sampler#evaluationsPerStep()}, so every lab solver, with and without the corrector, is counted.
 */
class SolverChoiceBudgetTest {

    @Test
    void everyLabSolverSpendsTheEvaluationsItDeclaresPerStep() {
        Schedule s = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        MixtureScore exact = new MixtureScore(ToyData.GAUSSIANS_8.mixture().orElseThrow(), s, "exact");
        int n = 12;
        int steps = 7;
        for (double h : new double[] {0, 1}) {
            assertTrue(SolverChoice.labChoices(h).size() >= 5);
            for (SolverChoice c : SolverChoice.labChoices(h)) {
                for (boolean corrector : new boolean[] {false, true}) {
                    Sampler sampler = c.sampler(h, corrector);
                    ReverseProcess p = new ReverseProcess(s, exact, h);
                    double[] xy = new double[2 * n];
                    CounterNormal noise = new CounterNormal(2);
                    Sampler.samplePrior(p, xy, n, noise);
                    SampleResult r = sampler.sample(p, xy, n, TimeGrid.of(c.stepSchedule(), s, steps), noise,
                            StepObserver.NONE, Cancellation.NEVER);
                    assertEquals((long) steps * n * sampler.evaluationsPerStep(), r.scoreEvaluations(),
                            c + ", 𝔥 = " + h + (corrector ? ", with the corrector" : ""));
                }
            }
        }
    }
}
