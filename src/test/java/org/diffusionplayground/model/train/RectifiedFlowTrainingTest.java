package org.diffusionplayground.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.metrics.SampleQuality;
import org.diffusionplayground.model.sampling.ExponentialIntegrator;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.sampling.StepSchedule;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.Activation;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.score.Target;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.diffusionplayground.model.util.Cancellation;
import org.junit.jupiter.api.Test;

/**
 * Flow matching trains (MATH.md §1.1): a velocity network on the linear interpolant, with the flow-matching
 * loss, learns 8 gaussians well enough that its flow ODE's samples (𝔥 = 0) are within twice the W2 of two
 * i.i.d. draws of the data.
 */
class RectifiedFlowTrainingTest {

    @Test
    void aVelocityNetworkOnTheLinearInterpolantLearnsEightGaussians() {
        DataSet data = DataSet.builtIn(ToyData.GAUSSIANS_8, 3000, 0);
        TrainingConfig defaults = TrainingConfig.defaults(ScheduleSpec.of(ScheduleKind.LINEAR));
        assertEquals(Target.VELOCITY, defaults.network().target(), "the linear interpolant trains a velocity");
        assertEquals(Weighting.FLOW_MATCHING, defaults.weighting());
        TrainingConfig cfg = defaults.toBuilder()
                .network(new MlpSpec(64, 2, Activation.SILU, TimeEmbedding.sinusoidal(16), Target.VELOCITY))
                .batchSize(512).learningRate(2e-3).emaDecay(0.99).steps(3000).seed(4).build();
        Schedule schedule = cfg.schedule().build();
        Mlp model;
        try (Nd4jTrainer trainer = new Nd4jTrainer(cfg, data.points())) {
            for (int i = 0; i < cfg.steps(); i++) {
                trainer.trainStep();
            }
            model = trainer.emaSnapshot();
        }
        int n = 500;
        PointSet reference = SampleQuality.iidDraw(data, n, 21);
        double bandwidth = SampleQuality.bandwidth(reference);
        SampleQuality.Floor floor = SampleQuality.iidFloor(data, reference, 6, 22, bandwidth, Cancellation.NEVER);
        SampleQuality.Distances d = SampleQuality.of(new ReverseProcess(schedule, new NetworkScore(model, schedule), 0),
                new ExponentialIntegrator(), TimeGrid.of(StepSchedule.UNIFORM_LOG_SNR, schedule, 100), 5, reference,
                bandwidth, Cancellation.NEVER);
        assertTrue(d.w2() < 2 * floor.w2Mean(),
                "W2 of the flow's samples " + d.w2() + " against i.i.d. draws " + floor.w2Mean() + " ± " + floor.w2Sd());
    }
}
