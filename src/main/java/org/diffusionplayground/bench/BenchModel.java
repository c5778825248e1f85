package org.diffusionplayground.bench;

import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.checkpoint.CheckpointException;
import org.diffusionplayground.model.checkpoint.PretrainedModel;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.train.TrainingConfig;

/**
 * The network every row after training is measured on: the app's own opening model
 * ({@link PretrainedModel#DEFAULT}, the swiss roll under SIMPLE with the default network and training,
 * 20 000 steps; assets/README.md). Speeds of fixed-size work (forward, sampler step, frames) do not
 * depend on the weights; the adaptive likelihood does (a trained score is rougher near the data than a
 * random one, so it needs more steps), which is why it is measured on the model users actually see.
 */
public record BenchModel(PretrainedModel source, Checkpoint checkpoint, DataSet data) {

    public static BenchModel load() {
        PretrainedModel m = PretrainedModel.DEFAULT;
        try {
            Checkpoint cp = m.load();
            return new BenchModel(m, cp, DataSet.of(cp.dataSource()));
        } catch (CheckpointException e) {
            throw new IllegalStateException("the bench model could not be loaded: " + e.getMessage(), e);
        }
    }

    /** The app's default training configuration (SIMPLE), the one the training row times. */
    public static TrainingConfig trainingConfig() {
        return TrainingConfig.defaults(ScheduleSpec.of(ScheduleKind.SIMPLE));
    }

    public Mlp mlp() {
        return checkpoint.network();
    }

    public Schedule schedule() {
        return checkpoint.schedule().build();
    }

    public NetworkScore score() {
        return new NetworkScore(mlp(), schedule());
    }

    /** "swissroll-simple (20000 steps)" for the report. */
    public String describe() {
        return source.id() + " (" + checkpoint.card().stepsTrained() + " training steps)";
    }
}
