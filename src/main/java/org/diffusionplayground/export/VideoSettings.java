package org.diffusionplayground.export;

import java.util.Locale;
import org.diffusionplayground.scene.SweepClock;

/**
 * A video's content and shape. The frame count is exactly round(fps · seconds); the first frame is the
 * start of the sweep, the frames of the clock's hold show its end, and the frames between advance at
 * the clock's pace ({@link SweepClock#videoFraction}).
 *
 * @param hFrom first 𝔥 of an {@link VideoKind#H_SWEEP} (ignored by the other kinds)
 * @param hTo   last 𝔥 of a sweep
 * @param clock the pace of the sweep and the hold at its end, as in the window ({@link SweepClock})
 * @param windowFrom where a forward or backward video starts, as a fraction of the sweep on the clock's pace
 *                   (0: its start; 0.7: after 70 % of it), so a lecture can show only the part where the
 *                   structure forms; an 𝔥 sweep ignores the window (its range is hFrom → hTo)
 * @param windowTo   where it ends (1: the end of the sweep), more than windowFrom
 */
public record VideoSettings(VideoKind kind, int width, int height, int fps, double seconds, double hFrom, double hTo,
        SweepClock clock, double windowFrom, double windowTo) {

    /** Longest video: ten minutes is a lecture's worth; more is a typo. */
    public static final double MAX_SECONDS = 600;
    public static final int MAX_FPS = 120;
    /** The sweep of the issue and the 𝔥 slider: 0 (PF-ODE) to 3. */
    public static final double SWEEP_FROM = 0;
    public static final double SWEEP_TO = 3;
    /** The shortest part of a sweep a video may show: 1 % (a narrower window is a still). */
    public static final double MIN_WINDOW = 0.01;

    public VideoSettings {
        String problem = problem(kind, width, height, fps, seconds, hFrom, hTo);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (clock == null) {
            clock = SweepClock.DEFAULT;
        }
        String window = windowProblem(windowFrom, windowTo);
        if (window != null) {
            throw new IllegalArgumentException(window);
        }
    }

    /** The whole sweep. */
    public VideoSettings(VideoKind kind, int width, int height, int fps, double seconds, double hFrom, double hTo,
            SweepClock clock) {
        this(kind, width, height, fps, seconds, hFrom, hTo, clock, 0, 1);
    }

    /** A video on the default clock (log-SNR pace, the end held for 1.5 s). */
    public VideoSettings(VideoKind kind, int width, int height, int fps, double seconds, double hFrom, double hTo) {
        this(kind, width, height, fps, seconds, hFrom, hTo, SweepClock.DEFAULT);
    }

    public VideoSettings withClock(SweepClock c) {
        return new VideoSettings(kind, width, height, fps, seconds, hFrom, hTo, c, windowFrom, windowTo);
    }

    public static VideoSettings of(VideoKind kind, int width, int height, int fps, double seconds) {
        return new VideoSettings(kind, width, height, fps, seconds, SWEEP_FROM, SWEEP_TO);
    }

    /** What is wrong with these values (a sentence for the user), or null. */
    public static String problem(VideoKind kind, int width, int height, int fps, double seconds, double hFrom,
            double hTo) {
        if (kind == null) {
            return "choose what the video shows (forward, backward or 𝔥 sweep)";
        }
        if (width < 16 || height < 16 || width > 7680 || height > 4320) {
            return "video size must be between 16×16 and 7680×4320, got " + width + "×" + height;
        }
        if (width % 2 != 0 || height % 2 != 0) {
            return "H.264 needs an even width and height, got " + width + "×" + height;
        }
        if (fps < 1 || fps > MAX_FPS) {
            return "frames per second must be between 1 and " + MAX_FPS + ", got " + fps;
        }
        if (!(seconds > 0) || seconds > MAX_SECONDS) {
            return String.format(Locale.ROOT, "duration must be more than 0 and at most %.0f s, got %s", MAX_SECONDS,
                    seconds);
        }
        if (Math.round(fps * seconds) < 2) {
            return "a video needs at least two frames: raise the duration or the frame rate";
        }
        if (!Double.isFinite(hFrom) || !Double.isFinite(hTo) || hFrom < 0 || hTo < 0 || hFrom > 10 || hTo > 10) {
            return "the 𝔥 sweep must stay within [0, 10], got " + hFrom + " → " + hTo;
        }
        return null;
    }

    /** What is wrong with this part of the sweep (a sentence for the user), or null. */
    public static String windowProblem(double from, double to) {
        if (!(from >= 0) || !(to <= 1) || !(to - from >= MIN_WINDOW)) {
            return String.format(Locale.ROOT, "the part of the sweep must lie within 0 %% to 100 %% and span at "
                    + "least %.0f %%, got %.1f %% to %.1f %%", 100 * MIN_WINDOW, 100 * from, 100 * to);
        }
        return null;
    }

    /** round(fps · seconds) frames, at least two. */
    public int frames() {
        return (int) Math.round(fps * seconds);
    }

    /**
     * Where frame k is in the sweep, from 0 (its start) to 1 (its end): the clock's fraction (0 at the first
     * frame, 1 at the held end) mapped into the window, windowFrom + (windowTo − windowFrom)·u, for a forward
     * or backward video; the clock's fraction itself for an 𝔥 sweep.
     */
    public double fraction(int k) {
        double u = clock.videoFraction(k, frames(), fps);
        return kind == VideoKind.H_SWEEP ? u : windowFrom + (windowTo - windowFrom) * u;
    }
}
