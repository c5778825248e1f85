package org.diffusionplayground.bench;

import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.train.Nd4jTrainer;
import org.diffusionplayground.model.train.TrainingConfig;

/**
 * The network every row after training is measured on: the app's default network and training
 * (34→3×128→2 SiLU, sinusoidal(32) time features, ε target, SIMPLE schedule, batch 1024, EMA) on the
 * swiss roll, trained for a fixed number of steps from seed 0. Speeds of fixed-size work (forward,
 * sampler step, frames) do not depend on the weights; the adaptive likelihood does (a trained score is
 * rougher near the data than a random one), so it needs a trained network, and a deterministic one so
 * that network-evaluation counts are comparable between runs on the same machine.
 */
public record BenchModel(TrainingConfig config, DataSet data, Mlp mlp, int trainedSteps) {

    /** Training points of the bench model's data set. */
    public static final int DATA_SIZE = 10_000;

    public static TrainingConfig defaultConfig() {
        return TrainingConfig.defaults(ScheduleSpec.of(ScheduleKind.SIMPLE)).withSeed(0);
    }

    public static DataSet defaultData() {
        return DataSet.builtIn(ToyData.SWISS_ROLL, DATA_SIZE, 1);
    }

    /** Trains the bench model for {@code steps} steps (≈ 3 ms each on 2 cores). */
    public static BenchModel train(int steps) {
        TrainingConfig cfg = defaultConfig().withSteps(Math.max(1, steps));
        DataSet data = defaultData();
        try (Nd4jTrainer trainer = new Nd4jTrainer(cfg, data.points())) {
            for (int i = 0; i < steps; i++) {
                if (!Double.isFinite(trainer.trainStep())) {
                    throw new IllegalStateException("the bench model's training diverged at step " + i);
                }
            }
            return new BenchModel(cfg, data, trainer.modelForSampling(), steps);
        }
    }

    public Schedule schedule() {
        return config.schedule().build();
    }

    public NetworkScore score() {
        return new NetworkScore(mlp, schedule());
    }
}
