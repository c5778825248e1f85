package org.diffusionplayground.app;

/** One point of the loss chart: the batch loss and its smoothed value at a step. */
public record LossPoint(long step, double loss, double smoothed) {
}
