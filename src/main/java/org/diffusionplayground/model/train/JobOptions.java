package org.diffusionplayground.model.train;

/**
 * How a {@link TrainingJob} reports and protects itself (none of this changes the trained weights).
 *
 * @param snapshotEvery           steps between {@link ModelSnapshot}s; 0 for none
 * @param progressIntervalMillis  least time between progress reports (the last step is always reported)
 * @param keepGoodEvery           steps between copies of the last good weights a rollback returns to
 * @param maxConsecutiveRollbacks rollbacks without reaching a new good copy before the job fails
 */
public record JobOptions(long snapshotEvery, long progressIntervalMillis, long keepGoodEvery,
        int maxConsecutiveRollbacks) {

    public JobOptions {
        if (snapshotEvery < 0 || progressIntervalMillis < 0 || keepGoodEvery < 1 || maxConsecutiveRollbacks < 0) {
            throw new IllegalArgumentException("job options must be non-negative (keepGoodEvery at least 1)");
        }
    }

    /** Snapshots every 500 steps, progress 5 times a second, a good copy every 100 steps, 5 rollbacks. */
    public static JobOptions defaults() {
        return new JobOptions(500, 200, 100, 5);
    }

    public JobOptions withSnapshotEvery(long steps) {
        return new JobOptions(steps, progressIntervalMillis, keepGoodEvery, maxConsecutiveRollbacks);
    }

    public JobOptions withProgressIntervalMillis(long millis) {
        return new JobOptions(snapshotEvery, millis, keepGoodEvery, maxConsecutiveRollbacks);
    }

    public JobOptions withKeepGoodEvery(long steps) {
        return new JobOptions(snapshotEvery, progressIntervalMillis, steps, maxConsecutiveRollbacks);
    }
}
