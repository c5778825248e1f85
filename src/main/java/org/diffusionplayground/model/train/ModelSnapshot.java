package org.diffusionplayground.model.train;

import org.diffusionplayground.model.score.Mlp;

/**
 * Weights taken during training, for a view to redraw samples while it runs.
 *
 * @param step the step after which they were taken
 * @param mlp  the weights sampling should use: the EMA when it is on and has averaged over its horizon
 *             1/(1 − decay) steps, before that the weights themselves (the EMA still mostly holds the
 *             initial ones then)
 * @param ema  whether {@code mlp} is the EMA of the weights
 * @param trainingSeconds training time until then, pauses excluded (the clock a live view's refresh is
 *             measured on)
 */
public record ModelSnapshot(long step, Mlp mlp, boolean ema, double trainingSeconds) {
}
