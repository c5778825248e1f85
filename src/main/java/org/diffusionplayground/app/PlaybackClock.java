package org.diffusionplayground.app;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableObjectValue;
import org.diffusionplayground.model.sampling.SampledPaths;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.scene.SceneMode;
import org.diffusionplayground.scene.SceneState;
import org.diffusionplayground.scene.SweepClock;

/**
 * The scene's animation: plays the time shown from T down to t_min (sampling) or up (forward noising),
 * one sweep in {@code sweepSeconds} at the pace of its {@link SweepClock} (uniform in log-SNR by default,
 * or in t), holds the end for the clock's hold, then loops or stops; steps one sampler step at a time.
 * Exported videos use the same {@link #clock()}. It moves the scene's time and reads the mode, the
 * schedule, the step count and the sampled run.
 */
public final class PlaybackClock {

    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    private final BooleanProperty loop = new SimpleBooleanProperty(this, "loop", true);
    private final DoubleProperty sweepSeconds = new SimpleDoubleProperty(this, "sweepSeconds",
            SceneState.DEFAULT_SWEEP_SECONDS);

    private final ObjectProperty<SweepClock.Pacing> pacing = new SimpleObjectProperty<>(this, "pacing",
            SweepClock.DEFAULT.pacing());
    private final DoubleProperty holdSeconds = new SimpleDoubleProperty(this, "holdSeconds",
            SweepClock.DEFAULT.holdSeconds());
    /** Seconds of the hold still to show; 0 while sweeping. */
    private double holdLeft;

    private final DoubleProperty time;
    private final ObjectProperty<SceneMode> mode;
    private final ObjectProperty<Schedule> schedule;
    private final IntegerProperty steps;
    private final ObservableObjectValue<SampledPaths> run;

    PlaybackClock(DoubleProperty time, ObjectProperty<SceneMode> mode, ObjectProperty<Schedule> schedule,
            IntegerProperty steps, ObservableObjectValue<SampledPaths> run) {
        this.time = time;
        this.mode = mode;
        this.schedule = schedule;
        this.steps = steps;
        this.run = run;
    }

    public BooleanProperty playingProperty() {
        return playing;
    }

    public BooleanProperty loopProperty() {
        return loop;
    }

    /** Seconds of one sweep T ↔ t_min. */
    public DoubleProperty sweepSecondsProperty() {
        return sweepSeconds;
    }

    /** What runs uniformly during a sweep: log-SNR (the default) or t. */
    public ObjectProperty<SweepClock.Pacing> pacingProperty() {
        return pacing;
    }

    /** Seconds the end of a sweep stays on screen before it loops (0 to {@link SweepClock#MAX_HOLD_SECONDS}). */
    public DoubleProperty holdSecondsProperty() {
        return holdSeconds;
    }

    /** The pace and hold as one value, for exports. */
    public SweepClock clock() {
        double hold = Math.max(0, Math.min(SweepClock.MAX_HOLD_SECONDS, holdSeconds.get()));
        return new SweepClock(pacing.get() == null ? SweepClock.DEFAULT.pacing() : pacing.get(), hold);
    }

    double tMin() {
        return schedule.get() == null ? 0 : schedule.get().tMin();
    }

    double tMax() {
        return schedule.get() == null ? 1 : schedule.get().tMax();
    }

    /** t clamped to the schedule's [t_min, T]. */
    double clamp(double t) {
        return Math.max(tMin(), Math.min(tMax(), t));
    }

    private boolean backward() {
        return mode.get() == SceneMode.BACKWARD;
    }

    /**
     * Advances the animation by a wall-clock interval: a full sweep T ↔ t_min takes sweepSeconds at the
     * clock's pace, then the end stays for the hold, then the sweep starts again (or playing stops).
     */
    public void advance(double seconds) {
        if (!playing.get() || schedule.get() == null) {
            return;
        }
        SweepClock c = clock();
        double start = backward() ? tMax() : tMin();
        double end = backward() ? tMin() : tMax();
        if (holdLeft > 0) {
            holdLeft -= seconds;
            if (holdLeft > 0) {
                return;
            }
            holdLeft = 0;
            if (loop.get()) {
                time.set(start);
            } else {
                playing.set(false);
            }
            return;
        }
        double u = c.fraction(schedule.get(), start, end, clamp(time.get()))
                + seconds / Math.max(SceneState.MIN_SWEEP_SECONDS, sweepSeconds.get());
        double t = c.time(schedule.get(), start, end, u);
        SampledPaths sampled = run.get();
        if (backward() && sampled != null && !sampled.complete()) {
            t = Math.max(t, sampled.recordedDownTo()); // the first run is shown while it samples: wait for it
        }
        if (u >= 1 && t == end) {
            time.set(end);
            if (c.holdSeconds() > 0) {
                holdLeft = c.holdSeconds();
            } else if (loop.get()) {
                time.set(start);
            } else {
                playing.set(false);
            }
            return;
        }
        time.set(t);
    }

    /** One sampler step forward in the animation direction (−1 steps back). */
    public void step(int direction) {
        double dt = (tMax() - tMin()) / Math.max(1, steps.get());
        time.set(clamp(time.get() + (backward() ? -1 : 1) * direction * dt));
    }

    /** Back to the start of the current mode's sweep, paused. */
    public void rewind() {
        playing.set(false);
        holdLeft = 0;
        time.set(backward() ? tMax() : tMin());
    }

    /** Plays or pauses; playing from the end of a sweep starts it again. */
    public void togglePlaying() {
        holdLeft = 0;
        if (!playing.get()) {
            boolean atEnd = backward() ? time.get() <= tMin() : time.get() >= tMax();
            if (atEnd) {
                time.set(backward() ? tMax() : tMin());
            }
        }
        playing.set(!playing.get());
    }
}
