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
 */
public record VideoSettings(VideoKind kind, int width, int height, int fps, double seconds, double hFrom, double hTo,
        SweepClock clock) {

    /** Longest video: ten minutes is a lecture's worth; more is a typo. */
    public static final double MAX_SECONDS = 600;
    public static final int MAX_FPS = 120;
    /** The sweep of the issue and the 𝔥 slider: 0 (PF-ODE) to 3. */
    public static final double SWEEP_FROM = 0;
    public static final double SWEEP_TO = 3;

    public VideoSettings {
        String problem = problem(kind, width, height, fps, seconds, hFrom, hTo);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (clock == null) {
            clock = SweepClock.DEFAULT;
        }
    }

    /** A video on the default clock (log-SNR pace, the end held for 1.5 s). */
    public VideoSettings(VideoKind kind, int width, int height, int fps, double seconds, double hFrom, double hTo) {
        this(kind, width, height, fps, seconds, hFrom, hTo, SweepClock.DEFAULT);
    }

    public VideoSettings withClock(SweepClock c) {
        return new VideoSettings(kind, width, height, fps, seconds, hFrom, hTo, c);
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

    /** round(fps · seconds) frames, at least two. */
    public int frames() {
        return (int) Math.round(fps * seconds);
    }

    /** Where frame k is in the sweep, from 0 (first frame) to 1 (the end, held by the last frames). */
    public double fraction(int k) {
        return clock.videoFraction(k, frames(), fps);
    }
}
