package org.diffusionplayground.model.train;

/**
 * How a {@link TrainingJob} reports and protects itself (none of this changes the trained weights).
 *
 * @param snapshotEvery           steps between {@link ModelSnapshot}s; 0 for none
 * @param snapshotIntervalMillis  training time (pauses excluded) between {@link ModelSnapshot}s; 0 for none. A
 *                                live view wants its samples refreshed by the clock, whatever the steps cost
 * @param awaitShownMillis        after each snapshot, how long the job waits (not counted as training time) for
 *                                a view to say it shows it ({@link TrainingJob#snapshotShown}); 0 for not at all.
 *                                A live view paced this way is never more than one snapshot behind, however
 *                                loaded the machine: the training gives way to it rather than run ahead
 * @param progressIntervalMillis  least time between progress reports (the last step is always reported)
 * @param keepGoodEvery           steps between copies of the last good weights a rollback returns to
 * @param maxConsecutiveRollbacks rollbacks without reaching a new good copy before the job fails
 */
public record JobOptions(long snapshotEvery, long snapshotIntervalMillis, long awaitShownMillis,
        long progressIntervalMillis, long keepGoodEvery, int maxConsecutiveRollbacks) {

    public JobOptions {
        if (snapshotEvery < 0 || snapshotIntervalMillis < 0 || awaitShownMillis < 0 || progressIntervalMillis < 0
                || keepGoodEvery < 1 || maxConsecutiveRollbacks < 0) {
            throw new IllegalArgumentException("job options must be non-negative (keepGoodEvery at least 1)");
        }
    }

    /** Snapshots by steps only. */
    public JobOptions(long snapshotEvery, long progressIntervalMillis, long keepGoodEvery, int maxConsecutiveRollbacks) {
        this(snapshotEvery, 0, 0, progressIntervalMillis, keepGoodEvery, maxConsecutiveRollbacks);
    }

    /** Snapshots every 500 steps, progress 5 times a second, a good copy every 100 steps, 5 rollbacks. */
    public static JobOptions defaults() {
        return new JobOptions(500, 200, 100, 5);
    }

    /**
     * The window's options while it shows the samples live: a snapshot every second of training, so the
     * scene refreshes at the same pace on a fast and a slow network or machine, each shown before the
     * training goes on (up to 10 s: a view that fails to show one does not stop the training).
     */
    public static JobOptions live() {
        return defaults().withSnapshotEvery(0).withSnapshotIntervalMillis(1000).withAwaitShownMillis(10_000);
    }

    public JobOptions withAwaitShownMillis(long millis) {
        return new JobOptions(snapshotEvery, snapshotIntervalMillis, millis, progressIntervalMillis, keepGoodEvery,
                maxConsecutiveRollbacks);
    }

    public JobOptions withSnapshotEvery(long steps) {
        return new JobOptions(steps, snapshotIntervalMillis, awaitShownMillis, progressIntervalMillis, keepGoodEvery,
                maxConsecutiveRollbacks);
    }

    public JobOptions withSnapshotIntervalMillis(long millis) {
        return new JobOptions(snapshotEvery, millis, awaitShownMillis, progressIntervalMillis, keepGoodEvery,
                maxConsecutiveRollbacks);
    }

    public JobOptions withProgressIntervalMillis(long millis) {
        return new JobOptions(snapshotEvery, snapshotIntervalMillis, awaitShownMillis, millis, keepGoodEvery,
                maxConsecutiveRollbacks);
    }

    public JobOptions withKeepGoodEvery(long steps) {
        return new JobOptions(snapshotEvery, snapshotIntervalMillis, awaitShownMillis, progressIntervalMillis, steps,
                maxConsecutiveRollbacks);
    }
}
