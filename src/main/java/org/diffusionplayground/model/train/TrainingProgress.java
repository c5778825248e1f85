package org.diffusionplayground.model.train;

/**
 * A progress report of a {@link TrainingJob}.
 *
 * @param step            steps done
 * @param totalSteps      steps asked for
 * @param loss            loss of the last batch
 * @param smoothedLoss    bias-corrected exponential moving average of the batch losses (factor 0.98)
 * @param stepsPerSecond  recent speed, paused time excluded
 * @param etaSeconds      remaining steps / stepsPerSecond
 * @param learningRate    Adam's current step size: the schedule's η(n) ({@link OptimiserSchedule}), halved at each
 *                        rollback
 */
public record TrainingProgress(long step, long totalSteps, double loss, double smoothedLoss, double stepsPerSecond,
        double etaSeconds, double learningRate) {

    /** Fraction done, in [0, 1]. */
    public double fraction() {
        return totalSteps == 0 ? 1 : (double) step / totalSteps;
    }
}
