package org.diffusionplayground.model.train;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongPredicate;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.score.Mlp;

/**
 * Runs a {@link Nd4jTrainer} to the configured number of steps on whatever thread calls {@link #run()},
 * reporting to {@link TrainingListener}s. {@link #pause()}, {@link #resume()} and {@link #cancel()} may
 * be called from any thread; the job acts on them between steps.
 *
 * <p>Divergence: a step whose loss or updated weights are not finite, the second step in a row whose loss
 * is more than {@value #DIVERGENCE_FACTOR} times the running (smoothed) loss, or a step after which a weight has grown past
 * {@value #MAX_WEIGHT} in size (checked when a good copy is taken), rolls the weights, Adam's moments and
 * the step counter back to the last good copy (taken every {@link JobOptions#keepGoodEvery} steps),
 * halves the learning rate and reports a warning naming the step and the new rate. More than
 * {@link JobOptions#maxConsecutiveRollbacks} rollbacks without reaching a new good copy fail the job, and
 * a failed job hands back no model. Training never continues silently from bad weights: a loss that grows
 * by orders of magnitude (a too large learning rate: 1e12 after a few steps of Adam at rate 10) is as much
 * a divergence as a NaN. The factor is far above the step-to-step spread of a batch loss, which is an
 * average over the batch (a few ×); a single far batch (a heavy-tailed draw of t) is left out of the
 * running level but not rolled back.
 */
public final class TrainingJob implements Runnable {

    /** Life cycle of a job. */
    public enum State { READY, RUNNING, PAUSED, FINISHED, FAILED, CANCELLED }

    /** Factor of the loss EMA shown as the smoothed loss. */
    private static final double LOSS_SMOOTHING = 0.98;
    /** A loss this many times its running level is a divergence. */
    static final double DIVERGENCE_FACTOR = 1e3;
    /**
     * A weight this large is a divergence: the data are standardised to unit scale, so a network that
     * fits them has weights of order one to ten; Adam moves each weight by about the learning rate per step.
     */
    static final float MAX_WEIGHT = 1e4f;
    /** Factor of the speed EMA over progress windows. */
    private static final double RATE_SMOOTHING = 0.7;

    private final TrainingConfig config;
    private final PointSet data;
    private final JobOptions options;
    private final Mlp start;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    /** The newest snapshot a view has shown (guarded by {@link #lock}). */
    private long shownStep = -1;
    private volatile boolean pauseRequested;
    private volatile boolean cancelRequested;
    private volatile State state = State.READY;
    private volatile LongPredicate faultInjector = step -> false;

    public TrainingJob(TrainingConfig config, PointSet data, JobOptions options) {
        this(config, data, options, null);
    }

    /** A job that starts from given weights instead of a fresh initialisation. */
    public TrainingJob(TrainingConfig config, PointSet data, JobOptions options, Mlp start) {
        this.config = config;
        this.data = data;
        this.options = options;
        this.start = start;
    }

    public TrainingConfig config() {
        return config;
    }

    public void addListener(TrainingListener listener) {
        listeners.add(listener);
    }

    public void removeListener(TrainingListener listener) {
        listeners.remove(listener);
    }

    public State state() {
        return state;
    }

    /** Asks the job to stop after the current step and wait; no effect once it has ended. */
    public void pause() {
        pauseRequested = true;
    }

    public void resume() {
        lock.lock();
        try {
            pauseRequested = false;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Asks the job to stop after the current step (also when paused); it then reports onCancelled. */
    public void cancel() {
        lock.lock();
        try {
            cancelRequested = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A view says it shows the snapshot of {@code step} (see {@link JobOptions#awaitShownMillis}). */
    public void snapshotShown(long step) {
        lock.lock();
        try {
            shownStep = Math.max(shownStep, step);
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the snapshot of {@code step} is shown, the job is paused or cancelled, or the time is up; ns waited. */
    private long awaitShown(long step, long millis) {
        long start = System.nanoTime();
        long left = millis * 1_000_000L;
        lock.lock();
        try {
            while (shownStep < step && !cancelRequested && !pauseRequested && left > 0) {
                left = wake.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        return System.nanoTime() - start;
    }

    public boolean isCancelRequested() {
        return cancelRequested;
    }

    /** Test hook: steps for which the predicate is true report a NaN loss, as a diverging step does. */
    void setFaultInjector(LongPredicate poisonAtStep) {
        this.faultInjector = poisonAtStep;
    }

    @Override
    public void run() {
        if (state != State.READY) {
            throw new IllegalStateException("a training job runs once; this one is " + state);
        }
        setState(State.RUNNING);
        try (Nd4jTrainer trainer = start == null ? new Nd4jTrainer(config, data)
                : new Nd4jTrainer(config, data, start)) {
            loop(trainer);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage(), e);
        } catch (RuntimeException | OutOfMemoryError e) {
            fail("training stopped on an internal error: " + e, e);
        }
    }

    private void loop(Nd4jTrainer trainer) {
        long total = config.steps();
        Nd4jTrainer.State lastGood = trainer.captureState();
        int consecutiveRollbacks = 0;
        int rollbacks = 0;
        double smoothed = 0;
        long smoothedCount = 0;
        double lastLoss = Double.NaN;
        boolean lastFar = false;
        double rate = 0;
        long activeNanos = 0;
        long windowStart = System.nanoTime();
        long windowSteps = 0;
        long lastReport = windowStart;
        long lastSnapshotNanos = 0; // of active time
        while (trainer.step() < total) {
            if (cancelRequested || pauseRequested) {
                long now = System.nanoTime();
                activeNanos += now - windowStart;
                if (!waitWhilePaused()) {
                    setState(State.CANCELLED);
                    TrainingResult partial = result(trainer, smoothed, smoothedCount, rollbacks, activeNanos);
                    listeners.forEach(l -> l.onCancelled(partial));
                    return;
                }
                windowStart = System.nanoTime();
                windowSteps = 0;
                lastReport = windowStart;
            }
            if (faultInjector.test(trainer.step() + 1)) {
                trainer.poisonNextStep();
            }
            double loss = trainer.trainStep();
            double level = smoothedCount == 0 ? Double.NaN : debiased(smoothed, smoothedCount);
            // one batch far above the level may be a heavy-tailed draw; two in a row are a divergence
            boolean far = loss > DIVERGENCE_FACTOR * level;
            boolean farAgain = far && lastFar;
            lastFar = far;
            Nd4jTrainer.State good = null;
            String weightProblem = null;
            if (Double.isFinite(loss) && !far && trainer.step() % options.keepGoodEvery() == 0) {
                good = trainer.captureState();
                weightProblem = largeWeight(good.params());
            }
            if (!Double.isFinite(loss) || farAgain || weightProblem != null) {
                long badStep = trainer.step();
                rollbacks++;
                consecutiveRollbacks++;
                String what = weightProblem != null ? weightProblem
                        : !Double.isFinite(loss) ? "the " + (Double.isNaN(loss) ? "loss" : "loss or a weight")
                                + " was not finite (" + loss + ")"
                        : String.format(Locale.ROOT, "the loss jumped to %.3g, %.2g times its running level %.3g",
                                loss, loss / level, level);
                if (consecutiveRollbacks > options.maxConsecutiveRollbacks()) {
                    fail(String.format(Locale.ROOT, "training diverged and could not recover: %d times in a row "
                            + "(last at step %d: %s; learning rate %.2e); no model was kept. Try a smaller learning "
                            + "rate or gradient clipping", consecutiveRollbacks, badStep, what,
                            trainer.learningRate()), null);
                    return;
                }
                trainer.restoreState(lastGood);
                trainer.setLearningRate(trainer.learningRate() / 2);
                lastFar = false;
                warn(String.format(Locale.ROOT, "step %d: %s; rolled back to the weights of step %d and halved the "
                        + "learning rate to %.2e", badStep, what, lastGood.step(), trainer.learningRate()));
                continue;
            }
            if (smoothedCount == 0) {
                // the first step pays for JIT and native warm-up: keep it out of the speed and the ETA
                windowStart = System.nanoTime();
                lastReport = windowStart;
                windowSteps = -1;
            }
            lastLoss = loss;
            if (!far) { // a lone outlier stays out of the running level it is compared with
                smoothed = LOSS_SMOOTHING * smoothed + (1 - LOSS_SMOOTHING) * loss;
                smoothedCount++;
            }
            windowSteps++;
            long step = trainer.step();
            if (good != null) {
                lastGood = good;
                consecutiveRollbacks = 0;
            }
            long now = System.nanoTime();
            long active = activeNanos + now - windowStart;
            boolean byStep = options.snapshotEvery() > 0 && step % options.snapshotEvery() == 0;
            boolean byClock = options.snapshotIntervalMillis() > 0
                    && active - lastSnapshotNanos >= options.snapshotIntervalMillis() * 1_000_000L;
            if ((byStep || byClock) && step < total) {
                lastSnapshotNanos = active;
                // the EMA starts from the initial weights and still holds a share decay^step of them: until it
                // has averaged over its own horizon 1/(1 − decay) steps a view shows the weights themselves. With
                // the EMA warm-up (OptimiserSchedule) the decay (1+n)/(10+n) makes it an average of recent weights
                // from the first step, so it is shown throughout
                boolean ema = config.emaDecay() > 0 && (config.optimiserSchedule().emaWarmup()
                        || step * (1 - config.emaDecay()) >= 1);
                ModelSnapshot snap = new ModelSnapshot(step, ema ? trainer.modelForSampling() : trainer.snapshot(), ema,
                        active / 1e9);
                listeners.forEach(l -> l.onSnapshot(snap));
                if (options.awaitShownMillis() > 0) {
                    // the wait is the view's time, not the training's: the window and the clock move past it
                    long waited = awaitShown(step, options.awaitShownMillis());
                    windowStart += waited;
                    lastReport += waited;
                    now += waited;
                }
            }
            if (windowSteps > 0 && now - lastReport >= options.progressIntervalMillis() * 1_000_000L
                    || step == total) {
                double windowRate = windowSteps / Math.max(1e-9, (now - windowStart) / 1e9);
                rate = rate == 0 ? windowRate : RATE_SMOOTHING * rate + (1 - RATE_SMOOTHING) * windowRate;
                activeNanos += now - windowStart;
                windowStart = now;
                windowSteps = 0;
                lastReport = now;
                TrainingProgress p = new TrainingProgress(step, total, lastLoss,
                        debiased(smoothed, smoothedCount), rate, (total - step) / Math.max(rate, 1e-9),
                        trainer.currentLearningRate());
                listeners.forEach(l -> l.onProgress(p));
            }
        }
        activeNanos += System.nanoTime() - windowStart;
        setState(State.FINISHED);
        TrainingResult result = result(trainer, smoothed, smoothedCount, rollbacks, activeNanos);
        listeners.forEach(l -> l.onFinished(result));
    }

    private TrainingResult result(Nd4jTrainer trainer, double smoothed, long count, int rollbacks, long nanos) {
        Mlp raw = trainer.snapshot();
        Mlp ema = config.emaDecay() > 0 ? trainer.emaSnapshot() : null;
        return new TrainingResult(config, raw, ema, trainer.step(), debiased(smoothed, count),
                trainer.learningRate(), rollbacks, nanos / 1e9);
    }

    /** A sentence about the first weight past {@link #MAX_WEIGHT}, or null when all are within it. */
    private static String largeWeight(float[] params) {
        for (float w : params) {
            if (!(Math.abs(w) <= MAX_WEIGHT)) {
                return String.format(Locale.ROOT, "a weight grew to %.3g (the limit is %.0g)", w, MAX_WEIGHT);
            }
        }
        return null;
    }

    private static double debiased(double ema, long count) {
        return count == 0 ? Double.NaN : ema / (1 - Math.pow(LOSS_SMOOTHING, count));
    }

    /** Blocks while paused; false when cancelled. */
    private boolean waitWhilePaused() {
        if (cancelRequested) {
            return false;
        }
        setState(State.PAUSED);
        lock.lock();
        try {
            while (pauseRequested && !cancelRequested) {
                wake.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
        if (cancelRequested) {
            return false;
        }
        setState(State.RUNNING);
        return true;
    }

    private void setState(State s) {
        state = s;
        listeners.forEach(l -> l.onStateChanged(s));
    }

    private void warn(String message) {
        listeners.forEach(l -> l.onWarning(message));
    }

    private void fail(String message, Throwable cause) {
        setState(State.FAILED);
        listeners.forEach(l -> l.onFailed(message, cause));
    }
}
