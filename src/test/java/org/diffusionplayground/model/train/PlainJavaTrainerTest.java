package org.diffusionplayground.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.Activation;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.Target;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The benchmark's plain-Java floor must do exactly the work of the real trainer, or the speed ratio
 * between them means nothing: same batches, same loss, same clipped Adam and EMA.
 */
class PlainJavaTrainerTest {

    private static final PointSet SWISS = ToyData.SWISS_ROLL.generate(2000, 3);

    @ParameterizedTest
    @EnumSource(value = Target.class, names = {"EPSILON", "SCORE"})
    void plainJavaStepFollowsTheNd4jTrainerStepForStep(Target target) {
        // width 20 and depth 3 as the trainer's own tests: vector tails and a middle layer; clipping active
        MlpSpec net = new MlpSpec(20, 3, Activation.SILU, TimeEmbedding.sinusoidal(8), target);
        TrainingConfig cfg = TrainingConfig.defaults(ScheduleSpec.of(ScheduleKind.SIMPLE)).toBuilder().network(net)
                .batchSize(64).steps(1000).clipNorm(0.5).emaDecay(0.9).seed(11).build();
        Mlp start = Mlp.initialise(net, 5);
        PlainJavaTrainer plain = new PlainJavaTrainer(cfg, SWISS, start);
        try (Nd4jTrainer nd4j = new Nd4jTrainer(cfg, SWISS, start)) {
            for (int step = 0; step < 25; step++) {
                double a = nd4j.trainStep();
                double b = plain.trainStep();
                assertTrue(Double.isFinite(a) && Double.isFinite(b));
                // float sums in a different order: agreement to float rounding, amplified a little by Adam
                assertEquals(a, b, 2e-4 * Math.abs(a), "loss at step " + step);
            }
            float[] x = nd4j.snapshot().flatParameters();
            float[] y = plain.snapshot().flatParameters();
            float[] ex = nd4j.emaSnapshot().flatParameters();
            float[] ey = plain.emaSnapshot().flatParameters();
            double worst = 0;
            double worstEma = 0;
            for (int j = 0; j < x.length; j++) {
                worst = Math.max(worst, Math.abs(x[j] - y[j]));
                worstEma = Math.max(worstEma, Math.abs(ex[j] - ey[j]));
            }
            // 25 Adam steps of lr 1e-3 move a weight by up to 0.025: agreement is 1000× tighter than that
            assertTrue(worst < 2.5e-5, "largest weight difference " + worst);
            assertTrue(worstEma < 2.5e-5, "largest EMA difference " + worstEma);
        }
    }
}
