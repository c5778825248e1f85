package org.diffusionplayground.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

/**
 * The learning-rate and EMA schedule of a run follow their closed forms (the formulas of
 * {@link OptimiserSchedule}), in the schedule itself and in the trainer that applies them.
 */
class OptimiserScheduleTest {

    private static final PointSet SWISS = ToyData.SWISS_ROLL.generate(1000, 2);
    private static final MlpSpec SMALL = new MlpSpec(16, 2, Activation.SILU, TimeEmbedding.sinusoidal(8),
            Target.EPSILON);

    @Test
    void warmupThenCosineHitsItsClosedFormAtTheCorners() {
        // W = 10, N = 50, f = 0.1: linear to 1 at n = 10, half-way down the cosine at n = 30, f at n = 50
        OptimiserSchedule s = OptimiserSchedule.warmupCosine(10, 0.1);
        assertEquals(0.1, s.rateFactor(1, 50), 1e-15);
        assertEquals(0.5, s.rateFactor(5, 50), 1e-15);
        assertEquals(1.0, s.rateFactor(10, 50), 1e-15);
        assertEquals(0.1 + 0.9 * 0.5, s.rateFactor(30, 50), 1e-15);
        assertEquals(0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI / 4)), s.rateFactor(20, 50), 1e-15);
        assertEquals(0.1, s.rateFactor(50, 50), 1e-15);
        assertEquals(0.1, s.rateFactor(80, 50), 1e-15, "a run trained past its end stays at the final rate");
        for (long n = 11; n <= 50; n++) {
            assertTrue(s.rateFactor(n, 50) <= s.rateFactor(n - 1, 50), "the cosine only falls, step " + n);
        }
    }

    @Test
    void constantScheduleIsThePapersOptimiser() {
        for (long n : new long[] {1, 7, 80_000}) {
            assertEquals(1.0, OptimiserSchedule.CONSTANT.rateFactor(n, 80_000));
            assertEquals(0.999, OptimiserSchedule.CONSTANT.emaDecay(0.999, n));
        }
        assertEquals(OptimiserSchedule.CONSTANT, TrainingConfig.paper(ScheduleSpec.of(ScheduleKind.SIMPLE))
                .optimiserSchedule());
    }

    @Test
    void emaWarmupIsTheSmallerOfItsRampAndTheConfiguredDecay() {
        OptimiserSchedule s = OptimiserSchedule.warmupCosine(0, 0);
        assertEquals(2.0 / 11, s.emaDecay(0.999, 1), 1e-15);
        assertEquals(0.9, s.emaDecay(0.999, 80), 1e-15); // (1+80)/(10+80) = 0.9
        assertEquals(0.999, s.emaDecay(0.999, 8_991), 1e-15); // (1+n)/(10+n) = 0.999 at n = 8991
        assertEquals(0.999, s.emaDecay(0.999, 100_000), 1e-15);
    }

    @Test
    void trainerStepsWithTheScheduledRate() {
        TrainingConfig cfg = config(OptimiserSchedule.warmupCosine(10, 0.1), 50, 2e-3);
        try (Nd4jTrainer t = new Nd4jTrainer(cfg, SWISS)) {
            assertEquals(2e-3 * 0.1, t.currentLearningRate(), 1e-15, "step 1 of a 10-step warm-up");
            for (int n = 1; n < 30; n++) {
                t.trainStep();
            }
            assertEquals(2e-3 * 0.55, t.currentLearningRate(), 1e-15, "step 30: half-way down the cosine");
            t.setLearningRate(1e-3); // a rollback halves the peak: the schedule scales with it
            assertEquals(1e-3 * 0.55, t.currentLearningRate(), 1e-15);
            assertEquals(1e-3, t.learningRate());
        }
    }

    @Test
    void trainerEmaFollowsTheWarmupRecursionOfItsOwnWeights() {
        // e₀ = θ₀, eₙ = βₙ eₙ₋₁ + (1 − βₙ) θₙ with βₙ = min(0.999, (1+n)/(10+n)), recomputed here from the raw
        // weights after every step
        TrainingConfig cfg = config(OptimiserSchedule.warmupCosine(5, 0.2), 40, 1e-3);
        try (Nd4jTrainer t = new Nd4jTrainer(cfg, SWISS)) {
            double[] e = toDouble(t.snapshot().flatParameters());
            for (int n = 1; n <= 40; n++) {
                t.trainStep();
                float[] theta = t.snapshot().flatParameters();
                double beta = Math.min(0.999, (1.0 + n) / (10.0 + n));
                for (int j = 0; j < e.length; j++) {
                    e[j] = beta * e[j] + (1 - beta) * theta[j];
                }
            }
            float[] ema = t.emaSnapshot().flatParameters();
            double worst = 0;
            for (int j = 0; j < e.length; j++) {
                worst = Math.max(worst, Math.abs(ema[j] - e[j]));
            }
            assertTrue(worst < 1e-5, "largest difference from the recursion " + worst);
        }
    }

    @Test
    void badSchedulesAreRefusedInWords() {
        assertThrows(IllegalArgumentException.class, () -> OptimiserSchedule.warmupCosine(-1, 0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OptimiserSchedule.warmupCosine(10, 1.5));
        assertTrue(e.getMessage().contains("final learning-rate fraction"), e.getMessage());
    }

    private static TrainingConfig config(OptimiserSchedule schedule, long steps, double lr) {
        return TrainingConfig.defaults(ScheduleSpec.of(ScheduleKind.SIMPLE)).toBuilder().network(SMALL).batchSize(64)
                .steps(steps).learningRate(lr).emaDecay(0.999).optimiserSchedule(schedule).seed(3).build();
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
