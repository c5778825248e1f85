package org.diffusionplayground.scene;

import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreModel;

/**
 * Everything a frame of the scene is composed from, as immutable values: the data, the forward process
 * and the score that sample, the sampler settings, the split view's second pane, the mode and time, and
 * the view options. {@link SceneComposer} turns it into {@link org.diffusionplayground.render.SceneSnapshot}s;
 * the window's scene view-model holds it as properties, a preset stores it, the video export and the
 * CLI build it without JavaFX.
 *
 * @param compareH        𝔥 of the second pane of the split view
 * @param compareSchedule forward process of the second pane, null for the same as the first
 * @param compareScore    score of the second pane, null for the same as the first (with compareSchedule:
 *                        "COSINE versus SIMPLE", two models side by side)
 * @param time            the time shown, t ∈ [t_min, T] of the schedule (clamped per pane)
 */
public record SceneState(DataSet data, Schedule schedule, ScoreModel score, SamplerSettings sampler, boolean split,
        double compareH, Schedule compareSchedule, ScoreModel compareScore, SceneMode mode, double time,
        ViewOptions view) {

    /** Seconds of one animated sweep T ↔ t_min at start, and the range the speed control allows. */
    public static final double DEFAULT_SWEEP_SECONDS = 6.0;
    public static final double MIN_SWEEP_SECONDS = 0.5;
    public static final double MAX_SWEEP_SECONDS = 600;

    public SceneState {
        if (sampler == null || mode == null || view == null) {
            throw new IllegalArgumentException("sampler settings, mode and view options are required");
        }
    }

    /** The schedule of pane {@code second ? 2 : 1}. */
    public Schedule scheduleOf(boolean second) {
        return second && compareSchedule != null ? compareSchedule : schedule;
    }

    /**
     * The score pane {@code second ? 2 : 1} samples with: its model's, guided by the sampler's class and
     * scale when the model is conditional ({@link org.diffusionplayground.model.score.Guidance#apply}).
     */
    public ScoreModel scoreOf(boolean second) {
        return sampler.guidance().apply(second && compareScore != null ? compareScore : score);
    }

    /** 𝔥 of pane {@code second ? 2 : 1}. */
    public double hOf(boolean second) {
        return second ? compareH : sampler.h();
    }

    /** The time shown in a pane, clamped to its schedule's [t_min, T]. */
    public double timeOf(boolean second) {
        Schedule s = scheduleOf(second);
        return s == null ? time : Math.max(s.tMin(), Math.min(s.tMax(), time));
    }

    public SceneState withTime(double t) {
        return new SceneState(data, schedule, score, sampler, split, compareH, compareSchedule, compareScore, mode, t,
                view);
    }

    public SceneState withMode(SceneMode m) {
        return new SceneState(data, schedule, score, sampler, split, compareH, compareSchedule, compareScore, m, time,
                view);
    }

    public SceneState withSampler(SamplerSettings s) {
        return new SceneState(data, schedule, score, s, split, compareH, compareSchedule, compareScore, mode, time,
                view);
    }

    public SceneState withSplit(boolean on) {
        return new SceneState(data, schedule, score, sampler, on, compareH, compareSchedule, compareScore, mode, time,
                view);
    }

    public SceneState withView(ViewOptions v) {
        return new SceneState(data, schedule, score, sampler, split, compareH, compareSchedule, compareScore, mode, time,
                v);
    }
}
