package org.diffusionplayground.app.lens;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.Activation;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.score.Target;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.diffusionplayground.model.train.DsmLoss;
import org.diffusionplayground.model.train.Nd4jTrainer;
import org.diffusionplayground.model.train.Objective;
import org.diffusionplayground.model.train.TimeSampling;
import org.diffusionplayground.model.train.TrainingConfig;
import org.diffusionplayground.model.train.Weighting;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.Estimate;

/**
 * The objectives lens (MATH.md §7): three small networks with the same start, data, seed and budget, one
 * per {@link Objective}, trained step for step side by side; their losses (all on the DSM scale) as
 * they go, and at the end — when the data is a mixture, so the true score is known — each network's
 * remaining score error E λ ½‖s_θ − ∇log p_t‖² (common random numbers, {@link DsmLoss#excess}).
 */
public final class ObjectiveRace {

    /** Steps between two reported points of each curve. */
    static final int REPORT_EVERY = 10;
    /** Monte-Carlo samples of the final score error. */
    static final int ERROR_SAMPLES = 20_000;

    /** One point of a loss curve: the mean loss of the last {@link #REPORT_EVERY} steps. */
    public record Point(Objective objective, long step, double loss) {
    }

    /** The final score errors (absent when the true score is unknown or a run diverged). */
    public record Result(int steps, Map<Objective, Estimate> scoreError) {
    }

    private ObjectiveRace() {
    }

    /** The race's network and recipe: 2 × 64 SiLU, ε target, σ² weighting, batch 256, Adam 2e-3, EMA 0.99. */
    static TrainingConfig config(ScheduleSpec schedule, Objective objective, int steps, long seed) {
        return TrainingConfig.defaults(schedule).toBuilder()
                .network(new MlpSpec(64, 2, Activation.SILU, TimeEmbedding.sinusoidal(16), Target.EPSILON))
                .batchSize(256).steps(steps).learningRate(2e-3).emaDecay(0.99).seed(seed).objective(objective)
                .build();
    }

    /**
     * Runs the race on the calling thread; {@code onPoint} sees every reported point (from this thread).
     *
     * @param exact the true score of the data, or null
     */
    public static Result run(PointSet data, ScheduleSpec schedule, MixtureScore exact, int steps, long seed,
            Consumer<Point> onPoint, Cancellation cancel) {
        Objective[] all = Objective.values();
        Nd4jTrainer[] trainers = new Nd4jTrainer[all.length];
        double[] window = new double[all.length];
        boolean[] failed = new boolean[all.length];
        try {
            for (int k = 0; k < all.length; k++) {
                trainers[k] = new Nd4jTrainer(config(schedule, all[k], steps, seed), data);
            }
            for (int s = 1; s <= steps; s++) {
                cancel.check();
                for (int k = 0; k < all.length; k++) {
                    if (failed[k]) {
                        continue;
                    }
                    double loss = trainers[k].trainStep();
                    if (!Double.isFinite(loss)) {
                        failed[k] = true; // shown as a curve that stops; no rollback in a demonstration race
                        continue;
                    }
                    window[k] += loss;
                    if (s % REPORT_EVERY == 0) {
                        onPoint.accept(new Point(all[k], s, window[k] / REPORT_EVERY));
                        window[k] = 0;
                    }
                }
            }
            Map<Objective, Estimate> errors = new EnumMap<>(Objective.class);
            if (exact != null) {
                Schedule sch = schedule.build();
                for (int k = 0; k < all.length; k++) {
                    if (!failed[k]) {
                        errors.put(all[k], DsmLoss.excess(new NetworkScore(trainers[k].emaSnapshot(), sch), exact,
                                sch, Weighting.SIGMA2, TimeSampling.UNIFORM, data, ERROR_SAMPLES, seed + 17));
                    }
                }
            }
            return new Result(steps, errors);
        } finally {
            for (Nd4jTrainer t : trainers) {
                if (t != null) {
                    t.close();
                }
            }
        }
    }
}
