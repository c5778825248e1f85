package org.diffusionplayground.model.train;

/**
 * How a {@link TrainingJob} reports and protects itself (none of this changes the trained weights).
 *
 * @param snapshotEvery           steps between {@link ModelSnapshot}s; 0 for none
 * @param snapshotIntervalMillis  training time (pauses excluded) between {@link ModelSnapshot}s; 0 for none. A
 *                                live view wants its samples refreshed by the clock, whatever the steps cost
 * @param progressIntervalMillis  least time between progress reports (the last step is always reported)
 * @param keepGoodEvery           steps between copies of the last good weights a rollback returns to
 * @param maxConsecutiveRollbacks rollbacks without reaching a new good copy before the job fails
 */
public record JobOptions(long snapshotEvery, long snapshotIntervalMillis, long progressIntervalMillis,
        long keepGoodEvery, int maxConsecutiveRollbacks) {

    public JobOptions {
        if (snapshotEvery < 0 || snapshotIntervalMillis < 0 || progressIntervalMillis < 0 || keepGoodEvery < 1
                || maxConsecutiveRollbacks < 0) {
            throw new IllegalArgumentException("job options must be non-negative (keepGoodEvery at least 1)");
        }
    }

    /** Snapshots by steps only. */
    public JobOptions(long snapshotEvery, long progressIntervalMillis, long keepGoodEvery, int maxConsecutiveRollbacks) {
        this(snapshotEvery, 0, progressIntervalMillis, keepGoodEvery, maxConsecutiveRollbacks);
    }

    /** Snapshots every 500 steps, progress 5 times a second, a good copy every 100 steps, 5 rollbacks. */
    public static JobOptions defaults() {
        return new JobOptions(500, 200, 100, 5);
    }

    /**
     * The window's options while it shows the samples live: a snapshot every second of training, so the
     * scene refreshes at the same pace on a fast and a slow network or machine.
     */
    public static JobOptions live() {
        return defaults().withSnapshotEvery(0).withSnapshotIntervalMillis(1000);
    }

    public JobOptions withSnapshotEvery(long steps) {
        return new JobOptions(steps, snapshotIntervalMillis, progressIntervalMillis, keepGoodEvery,
                maxConsecutiveRollbacks);
    }

    public JobOptions withSnapshotIntervalMillis(long millis) {
        return new JobOptions(snapshotEvery, millis, progressIntervalMillis, keepGoodEvery, maxConsecutiveRollbacks);
    }

    public JobOptions withProgressIntervalMillis(long millis) {
        return new JobOptions(snapshotEvery, snapshotIntervalMillis, millis, keepGoodEvery, maxConsecutiveRollbacks);
    }

    public JobOptions withKeepGoodEvery(long steps) {
        return new JobOptions(snapshotEvery, snapshotIntervalMillis, progressIntervalMillis, steps,
                maxConsecutiveRollbacks);
    }
}
