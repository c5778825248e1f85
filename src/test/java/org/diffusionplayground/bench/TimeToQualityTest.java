package org.diffusionplayground.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.metrics.QualityProbe;
import org.diffusionplayground.model.metrics.SampleQuality;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.Activation;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.Target;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.diffusionplayground.model.train.TrainingConfig;
import org.diffusionplayground.scene.SolverChoice;
import org.junit.jupiter.api.Test;

/** The time-to-quality runner stops where it should and counts what it should. */
class TimeToQualityTest {

    private static final DataSet DATA = DataSet.builtIn(ToyData.GAUSSIANS_8, 1000, 0);
    private static final TrainingConfig SMALL = TrainingConfig.defaults(ScheduleSpec.of(ScheduleKind.SIMPLE))
            .toBuilder().network(new MlpSpec(16, 2, Activation.SILU, TimeEmbedding.sinusoidal(8), Target.EPSILON))
            .batchSize(64).steps(120).seed(1).build();
    /** A small probe of the benchmark's kind: 200 samples, 20 steps of the exponential integrator. */
    private static final QualityProbe PROBE = new QualityProbe(SMALL.schedule().build(),
            SolverChoice.EXPONENTIAL.sampler(1, false),
            TimeGrid.of(SolverChoice.EXPONENTIAL.stepSchedule(), SMALL.schedule().build(), 20), 1, 1,
            SampleQuality.reference(DATA, 200, 0));

    @Test
    void aRunThatNeverReachesItsTargetIsCheckedEveryIntervalAndAtTheEnd() {
        TimeToQuality.Run run = TimeToQuality.run(SMALL, DATA, PROBE,
                50, 0, false);
        assertFalse(run.reached());
        assertEquals(120, run.steps());
        assertEquals(List.of(50L, 100L, 120L), run.checks().stream().map(TimeToQuality.Check::step).toList());
        assertTrue(run.probeSeconds() > 0 && run.trainingSeconds() > 0);
        for (int i = 1; i < run.checks().size(); i++) {
            assertTrue(run.checks().get(i).trainingSeconds() >= run.checks().get(i - 1).trainingSeconds());
        }
    }

    @Test
    void aRunStopsAtTheFirstCheckAtOrBelowTheTarget() {
        TimeToQuality.Run run = TimeToQuality.run(SMALL, DATA, PROBE,
                40, Double.MAX_VALUE, true);
        assertTrue(run.reached());
        assertEquals(40, run.reachedStep());
        assertEquals(40, run.steps(), "the job is cancelled at the check that reached the target");
        assertEquals(1, run.checks().size());
        assertEquals(run.checks().get(0).trainingSeconds(), run.reachedSeconds());
    }

    @Test
    void theReferenceIsTheMedianOfTheLastQuarter() {
        List<TimeToQuality.Check> checks = List.of(new TimeToQuality.Check(2000, 9, 1),
                new TimeToQuality.Check(6000, 0.3, 2), new TimeToQuality.Check(7000, 0.1, 3),
                new TimeToQuality.Check(8000, 0.2, 4));
        // steps 7000 and 8000 are past 3/4 of 8000; 6000 is not, and the wild start never counts
        assertEquals(0.15, QualityTarget.referenceValue(checks, 8000), 1e-15);
        assertEquals(0.2, QualityTarget.referenceValue(checks, 7000), 1e-15, "6000, 7000, 8000 past 5250");
        assertEquals(0.22, QualityTarget.target(0.2), 1e-15);
    }
}
