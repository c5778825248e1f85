package org.diffusionplayground.model.train;

import org.diffusionplayground.model.score.Mlp;

/**
 * The outcome of a finished (or cancelled) training job.
 *
 * @param config         the configuration it ran with
 * @param raw            the optimiser's weights
 * @param ema            the EMA of the weights, or null when EMA was off
 * @param steps          steps trained (rolled-back steps not counted)
 * @param finalLoss      smoothed loss at the end
 * @param learningRate   learning rate at the end (lower than configured after rollbacks)
 * @param rollbacks      how many times a non-finite loss or weight forced a rollback
 * @param seconds        wall time spent training, pauses excluded
 */
public record TrainingResult(TrainingConfig config, Mlp raw, Mlp ema, long steps, double finalLoss,
        double learningRate, int rollbacks, double seconds) {

    /** The weights to sample with and to save: the EMA when it is on. */
    public Mlp model() {
        return ema != null ? ema : raw;
    }
}
