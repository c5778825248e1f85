package org.diffusionplayground.model.checkpoint;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.DataSource;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.train.TrainingResult;

/**
 * A saved model: its card, its weights and, for imported or drawn data, the data points themselves
 * (null for built-in data, which the card regenerates from kind, size and seed).
 */
public record Checkpoint(ModelCard card, Mlp network, PointSet points) {

    public Checkpoint {
        if (card == null || network == null) {
            throw new IllegalArgumentException("a checkpoint needs a card and a network");
        }
        if (!card.network().toSpec().equals(network.spec())) {
            throw new IllegalArgumentException("the card describes " + card.network().toSpec()
                    + " but the weights are for " + network.spec());
        }
    }

    /** The checkpoint of a finished training run on {@code data}: the weights sampling uses (EMA if on). */
    public static Checkpoint of(TrainingResult result, DataSet data, String appVersion) {
        ModelCard card = new ModelCard(ModelCard.FORMAT, ModelCard.FORMAT_VERSION,
                ModelCard.Network.of(result.config().network()), ModelCard.Schedule.of(result.config().schedule()),
                ModelCard.Training.of(result.config()), ModelCard.Data.of(data.source()), result.steps(),
                result.finalLoss(), result.config().seed(), result.ema() != null ? "ema" : "raw",
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), appVersion, null);
        PointSet points = data.hasGenerator() ? null : data.points();
        return new Checkpoint(card, result.model(), points);
    }

    public ScheduleSpec schedule() {
        return card.schedule().toSpec();
    }

    /** The training data's source, rebuilt from the card (and the stored points for imported/drawn data). */
    public DataSource dataSource() {
        ModelCard.Data d = card.data();
        if (d == null) {
            return null;
        }
        if (ModelCard.Data.BUILT_IN.equals(d.source())) {
            return new DataSource.BuiltIn(d.kind(), d.size(), d.seed());
        } else if (ModelCard.Data.IMPORTED.equals(d.source())) {
            return new DataSource.Imported(d.fileName(), points);
        }
        return new DataSource.Drawn(points);
    }
}
