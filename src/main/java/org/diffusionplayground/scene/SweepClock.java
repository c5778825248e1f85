package org.diffusionplayground.scene;

import org.diffusionplayground.model.schedule.Schedule;

/**
 * How an animated sweep between T and t_min spends its seconds: the pace along the way, and how long the
 * last frame stays before the sweep starts again. One value for the window's playback and the exported
 * videos, so both show the same thing.
 *
 * <p>Uniform in t, backward sampling spends most of its time on noise: the structure forms only where the
 * signal-to-noise ratio α_t²/σ_t² is large, in the last few per cent of [t_min, T]. Uniform in log-SNR
 * λ(t) = log(α_t²/σ_t²) (Kingma et al., "Variational diffusion models", 2021, §3) gives every decade of
 * SNR the same screen time, so the forming of the data is seen. λ decreases monotonically in t for every
 * schedule here, so the time of a given λ is found by bisection.
 *
 * @param pacing      what advances uniformly
 * @param holdSeconds how long the end of a sweep stays on screen before it loops (0 for none)
 */
public record SweepClock(Pacing pacing, double holdSeconds) {

    /** What advances at a constant rate during a sweep. */
    public enum Pacing {
        /** log(α_t²/σ_t²): every decade of signal-to-noise ratio takes the same time. */
        LOG_SNR("uniform in log-SNR"),
        /** t itself. */
        TIME("uniform in t");

        private final String label;

        Pacing(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The longest hold the controls allow. */
    public static final double MAX_HOLD_SECONDS = 60;
    /** The default: log-SNR pace, the finished picture held for 1.5 s. */
    public static final SweepClock DEFAULT = new SweepClock(Pacing.LOG_SNR, 1.5);

    public SweepClock {
        if (pacing == null) {
            throw new IllegalArgumentException("choose a pace: log-SNR or t");
        }
        if (!(holdSeconds >= 0 && holdSeconds <= MAX_HOLD_SECONDS)) {
            throw new IllegalArgumentException("the hold at the end must be between 0 and " + MAX_HOLD_SECONDS
                    + " s, got " + holdSeconds);
        }
    }

    public SweepClock withPacing(Pacing p) {
        return new SweepClock(p, holdSeconds);
    }

    public SweepClock withHold(double seconds) {
        return new SweepClock(pacing, seconds);
    }

    /** log(α_t²/σ_t²). */
    public static double logSnr(Schedule s, double t) {
        return 2 * (Math.log(s.alpha(t)) - Math.log(s.sigma(t)));
    }

    /**
     * The time at fraction {@code u} ∈ [0, 1] of a sweep from {@code from} to {@code to} (either order):
     * {@code from} at 0, {@code to} at 1, in between at the pace's uniform rate.
     */
    public double time(Schedule s, double from, double to, double u) {
        if (u <= 0) {
            return from;
        }
        if (u >= 1) {
            return to;
        }
        if (pacing == Pacing.TIME) {
            return from + (to - from) * u;
        }
        double target = logSnr(s, from) + (logSnr(s, to) - logSnr(s, from)) * u;
        double lo = Math.min(from, to);
        double hi = Math.max(from, to);
        // λ decreases in t: bisection to the last bit (60 halvings of an interval ≤ 1)
        for (int i = 0; i < 60; i++) {
            double mid = 0.5 * (lo + hi);
            if (logSnr(s, mid) > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** The fraction of the sweep from {@code from} to {@code to} at which it shows time {@code t} (inverse of {@link #time}). */
    public double fraction(Schedule s, double from, double to, double t) {
        if (from == to) {
            return 1;
        }
        double u = pacing == Pacing.TIME ? (t - from) / (to - from)
                : (logSnr(s, t) - logSnr(s, from)) / (logSnr(s, to) - logSnr(s, from));
        return Math.max(0, Math.min(1, u));
    }

    /**
     * Where frame {@code k} of a video of {@code frames} frames at {@code fps} is in its sweep, from 0 to 1:
     * the sweep takes the frames before the hold, the hold's frames show the end. The hold takes at most a
     * quarter of the video, so a short clip is still mostly motion.
     */
    public double videoFraction(int k, int frames, int fps) {
        int held = (int) Math.min(Math.round(holdSeconds * fps), frames / 4);
        int sweep = Math.max(2, frames - held);
        return Math.min(1, (double) k / (sweep - 1));
    }
}
