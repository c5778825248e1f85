package org.diffusionplayground.model.checkpoint;

import org.diffusionplayground.model.data.DataSource;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.Activation;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.Target;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.diffusionplayground.model.train.TrainingConfig;

/** Small checkpoints told apart by a seed: the weights are Mlp.initialise(SPEC, seed), the card says 100 + seed steps. */
public final class TestModels {

    public static final MlpSpec SPEC = new MlpSpec(8, 2, Activation.TANH, TimeEmbedding.sinusoidal(4), Target.V);

    private TestModels() {
    }

    public static Checkpoint model(long seed) {
        TrainingConfig cfg = TrainingConfig.defaults(ScheduleSpec.of(ScheduleKind.SIMPLE)).toBuilder()
                .network(SPEC).build();
        ModelCard card = new ModelCard(ModelCard.FORMAT, ModelCard.FORMAT_VERSION, ModelCard.Network.of(SPEC),
                ModelCard.Schedule.of(ScheduleSpec.of(ScheduleKind.SIMPLE)), ModelCard.Training.of(cfg),
                ModelCard.Data.of(new DataSource.BuiltIn(ToyData.PINWHEEL, 500, 3)), 100 + seed, 0.5, 1, "ema",
                "2026-11-25T12:00:00Z", "test", null);
        return new Checkpoint(card, Mlp.initialise(SPEC, seed), null);
    }

    /** The seed a loaded model was made with, after checking its weights are those of that seed. */
    public static long seedOf(Checkpoint back) {
        long seed = back.card().stepsTrained() - 100;
        if (!java.util.Arrays.equals(Mlp.initialise(SPEC, seed).flatParameters(), back.network().flatParameters())) {
            throw new AssertionError("the card of model " + seed + " is paired with other weights");
        }
        return seed;
    }
}
