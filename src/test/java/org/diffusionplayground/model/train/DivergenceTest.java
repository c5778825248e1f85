package org.diffusionplayground.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.Activation;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.Target;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A learning rate far too large makes Adam's loss explode by orders of magnitude within a step or two while
 * staying finite: the job must see it as a divergence, not only a NaN.
 */
@Timeout(120)
class DivergenceTest {

    private static final PointSet DATA = ToyData.TWO_MOONS.generate(1000, 3);

    private static TrainingConfig tiny(double learningRate, long steps) {
        return TrainingConfig.defaults(ScheduleSpec.of(ScheduleKind.SIMPLE)).toBuilder()
                .network(new MlpSpec(16, 2, Activation.SILU, TimeEmbedding.sinusoidal(8), Target.EPSILON))
                .batchSize(64).steps(steps).learningRate(learningRate).seed(9).build();
    }

    private static TrainingJobTest.Recorder run(TrainingConfig config, JobOptions options) {
        TrainingJobTest.Recorder r = new TrainingJobTest.Recorder();
        TrainingJob job = new TrainingJob(config, DATA, options);
        job.addListener(r);
        job.run();
        return r;
    }

    @Test
    void aLossThatExplodesWithoutNaNIsRolledBackWithAHalvedLearningRate() {
        // the raw trainer at this rate: the loss goes from about 0.9 to above 1e3 at step 2, and stays finite
        try (Nd4jTrainer raw = new Nd4jTrainer(tiny(1.0, 10), DATA)) {
            double first = raw.trainStep();
            double second = raw.trainStep();
            assertTrue(Double.isFinite(second) && second > TrainingJob.DIVERGENCE_FACTOR * first,
                    "the unprotected step explodes without NaN: " + first + " → " + second);
        }
        TrainingJobTest.Recorder r = run(tiny(1.0, 200), JobOptions.defaults().withSnapshotEvery(0));
        TrainingResult result = r.finished.get();
        assertNotNull(result, "the job recovers: " + r.failed.get());
        assertEquals(200, result.steps());
        assertEquals(1, result.rollbacks(), String.join("\n", r.warnings));
        assertEquals(0.5, result.learningRate(), "one halving");
        assertTrue(r.warnings.stream().anyMatch(w -> w.contains("jumped") && w.contains("rolled back")), "" + r.warnings);
        assertTrue(r.warnings.stream().noneMatch(w -> w.contains("not finite")), "no NaN was involved: " + r.warnings);
        assertTrue(result.finalLoss() < 2, "the recovered run trains: smoothed loss " + result.finalLoss());
    }

    @Test
    void aRunThatCannotRecoverFailsAndHandsBackNoModel() {
        TrainingJobTest.Recorder r = run(tiny(10.0, 200), new JobOptions(0, 200, 100, 2));
        assertNull(r.finished.get(), "no result, so nothing can be saved");
        assertNotNull(r.failed.get());
        assertTrue(r.failed.get().contains("could not recover") && r.failed.get().contains("no model"), r.failed.get());
        assertEquals(2, r.warnings.stream().filter(w -> w.contains("rolled back")).count(), "" + r.warnings);
    }
}
