package org.diffusionplayground.app;

/**
 * One refresh of the scene's samples while a model trains: which weights they came from and how far
 * they are from the data.
 *
 * @param step            the training step the weights were taken after (on the loss curve's axis)
 * @param trainingSeconds training time until then, pauses excluded
 * @param w2              exact W2 between the first {@link TrainingViewModel#LIVE_W2_POINTS} samples and as
 *                        many held-out points of the data (NaN until measured, or when a sample failed)
 */
public record LiveSample(long step, double trainingSeconds, double w2) {

    public LiveSample withW2(double value) {
        return new LiveSample(step, trainingSeconds, value);
    }
}
