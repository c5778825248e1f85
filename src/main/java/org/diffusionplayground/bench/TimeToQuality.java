package org.diffusionplayground.bench;

import java.util.ArrayList;
import java.util.List;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.metrics.QualityProbe;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.train.JobOptions;
import org.diffusionplayground.model.train.ModelSnapshot;
import org.diffusionplayground.model.train.TrainingConfig;
import org.diffusionplayground.model.train.TrainingJob;
import org.diffusionplayground.model.train.TrainingListener;
import org.diffusionplayground.model.train.TrainingResult;

/**
 * Time to a good picture: one training run, as the window's "Train" starts it ({@link TrainingJob}), with the
 * samples' W2 to held-out data measured by a fixed {@link QualityProbe} every {@code every} steps, until it is
 * at most a target (or the run ends). The probe runs on the training thread while the job waits for it; its
 * time is measured and taken out of the training time, so the clock counts training only.
 *
 * <p>Steps to the target do not depend on the machine's load (same config, data and machine ⇒ the same
 * weights bit for bit); seconds do.
 */
public final class TimeToQuality {

    private TimeToQuality() {
    }

    /** One measurement along a run. */
    public record Check(long step, double w2, double trainingSeconds) {
    }

    /**
     * What a run reached.
     *
     * @param reachedStep     first checked step with W2 ≤ the target, or −1 when none
     * @param reachedSeconds  training time to that step (probe time excluded), NaN when not reached
     * @param steps           steps trained in all
     * @param trainingSeconds training time of those steps (probe time excluded)
     * @param probeSeconds    time spent in the probe
     * @param checks          every measurement, in order
     */
    public record Run(long reachedStep, double reachedSeconds, long steps, double trainingSeconds,
            double probeSeconds, List<Check> checks) {

        public boolean reached() {
            return reachedStep >= 0;
        }

        /** Mean training time per step over the whole run. */
        public double secondsPerStep() {
            return steps == 0 ? Double.NaN : trainingSeconds / steps;
        }
    }

    /**
     * Trains {@code config} on {@code data}, measuring every {@code every} steps and at the end; with
     * {@code stopAtTarget} the run stops at the first measurement at or below {@code targetW2}.
     */
    public static Run run(TrainingConfig config, DataSet data, QualityProbe probe, long every, double targetW2,
            boolean stopAtTarget) {
        if (every < 1) {
            throw new IllegalArgumentException("the check interval must be at least one step, got " + every);
        }
        TrainingJob job = new TrainingJob(config, data.points(), JobOptions.defaults().withSnapshotEvery(every));
        Recorder recorder = new Recorder(job, probe, targetW2, stopAtTarget);
        job.addListener(recorder);
        recorder.start = System.nanoTime();
        job.run();
        if (recorder.failure != null) {
            throw new IllegalStateException("training failed: " + recorder.failure);
        }
        TrainingResult end = recorder.end;
        long steps = end.steps();
        double training = recorder.trainingSeconds(recorder.endNanos);
        if (recorder.checks.isEmpty() || recorder.checks.get(recorder.checks.size() - 1).step() != steps) {
            recorder.check(steps, end.model()); // the last step has no snapshot of its own
        }
        return new Run(recorder.reachedStep, recorder.reachedSeconds, steps, training, recorder.probeNanos / 1e9,
                List.copyOf(recorder.checks));
    }

    /** Listens on the training thread: measures each snapshot and stops the job at the target when asked. */
    private static final class Recorder implements TrainingListener {

        private final TrainingJob job;
        private final QualityProbe probe;
        private final double target;
        private final boolean stop;
        private final List<Check> checks = new ArrayList<>();
        private long start;
        private long probeNanos;
        private long endNanos;
        private long reachedStep = -1;
        private double reachedSeconds = Double.NaN;
        private TrainingResult end;
        private String failure;

        Recorder(TrainingJob job, QualityProbe probe, double target, boolean stop) {
            this.job = job;
            this.probe = probe;
            this.target = target;
            this.stop = stop;
        }

        double trainingSeconds(long now) {
            return (now - start - probeNanos) / 1e9;
        }

        @Override
        public void onSnapshot(ModelSnapshot snapshot) {
            check(snapshot.step(), snapshot.mlp());
        }

        void check(long step, Mlp network) {
            long t0 = System.nanoTime();
            double seconds = trainingSeconds(endNanos > 0 ? endNanos : t0);
            double w2 = probe.measure(network).w2();
            probeNanos += System.nanoTime() - t0;
            checks.add(new Check(step, w2, seconds));
            if (reachedStep < 0 && w2 <= target) { // NaN (a diverged sample) never reaches it
                reachedStep = step;
                reachedSeconds = seconds;
                if (stop) {
                    job.cancel();
                }
            }
        }

        @Override
        public void onFinished(TrainingResult result) {
            endNanos = System.nanoTime();
            end = result;
        }

        @Override
        public void onCancelled(TrainingResult partial) {
            onFinished(partial);
        }

        @Override
        public void onFailed(String message, Throwable cause) {
            endNanos = System.nanoTime();
            failure = message;
        }
    }
}
