package org.diffusionplayground.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.GaussianMixture;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.sampling.ExponentialIntegrator;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.sampling.SampledPaths;
import org.diffusionplayground.model.sampling.StepSchedule;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.Activation;
import org.diffusionplayground.model.score.Guidance;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.score.Target;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.diffusionplayground.model.util.Cancellation;
import org.junit.jupiter.api.Test;

/**
 * Training a conditional network (docs/MATH.md §8): the batch carries each point's label as a one-hot after the
 * time features, ∅ with probability {@link Guidance#LABEL_DROPOUT}, without changing anything else of the
 * batch; trained briefly on the 8 gaussians, the network samples label k into mode k.
 */
class ConditionalTrainingTest {

    private static final PointSet EIGHT = ToyData.GAUSSIANS_8.generate(3000, 0);
    private static final MlpSpec PLAIN = new MlpSpec(64, 2, Activation.SILU, TimeEmbedding.sinusoidal(16),
            Target.EPSILON);

    private static TrainingConfig config(MlpSpec net, long steps) {
        return TrainingConfig.defaults(ScheduleSpec.of(ScheduleKind.SIMPLE)).toBuilder().network(net).batchSize(512)
                .learningRate(2e-3).emaDecay(0.99).steps(steps).seed(4).build();
    }

    @Test
    void theLabelIsAOneHotAfterTheTimeFeaturesAndLeavesTheRestOfTheBatchAsItWas() {
        Schedule schedule = config(PLAIN, 1).schedule().build();
        DsmBatch plain = new DsmBatch(config(PLAIN, 1), schedule, EIGHT);
        DsmBatch labelled = new DsmBatch(config(PLAIN.withClasses(8), 1), schedule, EIGHT);
        int dropped = 0;
        int rows = 0;
        for (int b = 0; b < 20; b++) {
            plain.draw();
            labelled.draw();
            assertEquals(plain.inputDim + 9, labelled.inputDim);
            for (int i = 0; i < plain.size; i++) {
                for (int c = 0; c < plain.inputDim; c++) {
                    assertEquals(plain.input[i * plain.inputDim + c], labelled.input[i * labelled.inputDim + c],
                            "x_t and the time features are those of the unconditional batch");
                }
                assertEquals(plain.target[2 * i], labelled.target[2 * i]);
                int hot = -1;
                float sum = 0;
                for (int k = 0; k < 9; k++) {
                    float v = labelled.input[i * labelled.inputDim + plain.inputDim + k];
                    sum += v;
                    hot = v == 1f ? k : hot;
                }
                assertEquals(1f, sum, "one-hot");
                assertEquals(labelled.label[i], hot);
                dropped += hot == 8 ? 1 : 0;
                rows++;
            }
        }
        double share = dropped / (double) rows;
        // binomial: 10 240 rows, sd of the share ≈ 0.0035
        assertEquals(Guidance.LABEL_DROPOUT, share, 0.015, "share of rows given the null label");
    }

    @Test
    void aConditionalNetworkNeedsLabelledData() {
        TrainingConfig cfg = config(PLAIN.withClasses(8), 1);
        PointSet unlabelled = EIGHT.unlabelled();
        assertThrows(IllegalArgumentException.class, () -> new DsmBatch(cfg, cfg.schedule().build(), unlabelled));
        assertThrows(IllegalArgumentException.class, () -> new DsmBatch(config(PLAIN.withClasses(2), 1),
                cfg.schedule().build(), EIGHT), "more classes in the data than in the network");
    }

    /** 2 000 steps of batch 512: most samples of every label land in that label's mode, unguided and guided. */
    @Test
    void aBrieflyTrainedConditionalNetworkSamplesEachLabelIntoItsMode() {
        TrainingConfig cfg = config(PLAIN.withClasses(8), 2000);
        Schedule schedule = cfg.schedule().build();
        Mlp model;
        try (Nd4jTrainer trainer = new Nd4jTrainer(cfg, DataSet.builtIn(ToyData.GAUSSIANS_8, 3000, 0).points())) {
            for (int i = 0; i < cfg.steps(); i++) {
                trainer.trainStep();
            }
            model = trainer.emaSnapshot();
        }
        NetworkScore net = new NetworkScore(model, schedule);
        GaussianMixture modes = ToyData.GAUSSIANS_8.mixture().orElseThrow();
        int n = 200;
        for (double w : new double[] {0, 2}) {
            for (int k = 0; k < 8; k++) {
                ReverseProcess p = new ReverseProcess(schedule, Guidance.of(k, w).guide(net), 1);
                double[] xy = SampledPaths.run(p, new ExponentialIntegrator(), n,
                        TimeGrid.of(StepSchedule.UNIFORM_LOG_SNR, schedule, 100), 11 + k, 2, null, Cancellation.NEVER)
                        .result().positions();
                int inMode = 0;
                for (int i = 0; i < n; i++) {
                    inMode += nearestMode(modes, xy[2 * i], xy[2 * i + 1]) == k ? 1 : 0;
                }
                assertTrue(inMode > 0.8 * n, "label " + k + " at w = " + w + ": " + inMode + " of " + n
                        + " samples in mode " + k);
            }
        }
    }

    private static int nearestMode(GaussianMixture m, double x, double y) {
        int best = 0;
        for (int k = 1; k < m.components(); k++) {
            if (Math.hypot(x - m.meanX(k), y - m.meanY(k)) < Math.hypot(x - m.meanX(best), y - m.meanY(best))) {
                best = k;
            }
        }
        return best;
    }
}
