package org.diffusionplayground.model.sampling;

import java.util.function.Consumer;
import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.ProgressListener;

/**
 * A finished sampling run kept for viewing: n particles drawn from the prior with {@code seed} and moved
 * by {@code sampler} under the 𝔥-process, with up to {@code maxFrames} recorded frames, so an animation
 * or a time scrubber can show the particles at any t (linear interpolation between frames). Used by
 * the app, the video export and the CLI alike.
 */
public final class SampledPaths {

    private final ReverseProcess process;
    private final long seed;
    private final TrajectoryRecorder frames;

    /** Null while the sampler is still running: only the recorded frames are valid then. */
    private volatile SampleResult result;

    private SampledPaths(ReverseProcess process, long seed, TrajectoryRecorder frames) {
        this.process = process;
        this.seed = seed;
        this.frames = frames;
    }

    public static SampledPaths run(ReverseProcess process, Sampler sampler, int n, TimeGrid grid, long seed,
            int maxFrames, ProgressListener progress, Cancellation cancel) {
        return run(process, sampler, n, grid, seed, maxFrames, progress, cancel, null);
    }

    /**
     * Like {@link #run(ReverseProcess, Sampler, int, TimeGrid, long, int, ProgressListener, Cancellation)},
     * and hands the run to {@code started} (on the sampling thread) as soon as the prior draw is recorded,
     * so a view can animate it from T while later frames are still being computed: sampling runs from T
     * downward, the same direction as the backward animation ({@link #recordedDownTo()}, {@link #complete()}).
     */
    public static SampledPaths run(ReverseProcess process, Sampler sampler, int n, TimeGrid grid, long seed,
            int maxFrames, ProgressListener progress, Cancellation cancel, Consumer<SampledPaths> started) {
        if (n < 1 || n > 1_000_000) {
            throw new IllegalArgumentException("number of particles must be between 1 and 1 000 000, got " + n);
        }
        if (maxFrames < 2) {
            throw new IllegalArgumentException("at least two frames are needed, got " + maxFrames);
        }
        int stride = Math.max(1, (grid.steps() + maxFrames - 2) / (maxFrames - 1));
        TrajectoryRecorder recorder = new TrajectoryRecorder(n, grid.steps(), stride);
        double[] xy = new double[2 * n];
        CounterNormal noise = new CounterNormal(seed);
        Sampler.samplePrior(process, xy, n, noise);
        SampledPaths run = new SampledPaths(process, seed, recorder);
        StepObserver observer = recorder;
        if (started != null) {
            observer = observer.andThen((step, t, p, count) -> {
                if (step == 0) {
                    started.accept(run);
                }
            });
        }
        if (progress != null) {
            observer = observer.andThen((step, t, p, count) -> {
                if (step % 8 == 0 || step == grid.steps()) {
                    progress.progress((double) step / grid.steps(), "sampling at 𝔥 = " + process.h());
                }
            });
        }
        run.result = sampler.sample(process, xy, n, grid, noise, observer, cancel);
        return run;
    }

    /** True once the sampler reached t_min; before that only times ≥ {@link #recordedDownTo()} are shown. */
    public boolean complete() {
        return result != null;
    }

    /** What the sampler produced: final positions, failed particles, work done. */
    public SampleResult result() {
        SampleResult r = result;
        if (r == null) {
            throw new IllegalStateException("the run is still sampling");
        }
        return r;
    }

    /** The earliest time recorded so far (t_min once complete; T before the first step). */
    public double recordedDownTo() {
        int n = frames.frames();
        return n == 0 ? Double.POSITIVE_INFINITY : frames.time(n - 1);
    }

    public ReverseProcess process() {
        return process;
    }

    public double h() {
        return process.h();
    }

    public long seed() {
        return seed;
    }

    public int particles() {
        return frames.particles();
    }

    public TrajectoryRecorder frames() {
        return frames;
    }

    /**
     * Particles the sampler reported failed (the score returned NaN or ∞ on their way, the step was unstable,
     * or the adaptive solver gave up): a reported failure the caller shows, never folded silently into a mean.
     */
    public int diverged() {
        return result().failures();
    }

    /** Positions at t_min, full precision. */
    public double[] finalPositions() {
        return result().positions().clone();
    }

    /** Positions at time t (clamped to the run), interpolated linearly between recorded frames. */
    public void positionsAt(double t, double[] out) {
        SampleResult done = result;
        int last = frames.frames() - 1;
        if (t >= frames.time(0)) {
            copyFrame(0, out);
            return;
        }
        if (t <= frames.time(last)) {
            if (done != null) {
                System.arraycopy(done.positions(), 0, out, 0, 2 * particles());
            } else {
                copyFrame(last, out); // still sampling: the latest recorded frame
            }
            return;
        }
        int k = 0;
        while (k < last && frames.time(k + 1) > t) {
            k++;
        }
        double t0 = frames.time(k);
        double t1 = frames.time(k + 1);
        double w = (t0 - t) / (t0 - t1);
        for (int i = 0; i < particles(); i++) {
            out[2 * i] = (1 - w) * frames.x(k, i) + w * frames.x(k + 1, i);
            out[2 * i + 1] = (1 - w) * frames.y(k, i) + w * frames.y(k + 1, i);
        }
    }

    private void copyFrame(int k, double[] out) {
        for (int i = 0; i < particles(); i++) {
            out[2 * i] = frames.x(k, i);
            out[2 * i + 1] = frames.y(k, i);
        }
    }

    /** The path of one particle from T down to time t, as world coordinates for a trail. */
    public float[] trail(int particle, double downTo) {
        int count = 0;
        while (count < frames.frames() && frames.time(count) >= downTo) {
            count++;
        }
        float[] xy = new float[2 * count];
        for (int k = 0; k < count; k++) {
            xy[2 * k] = frames.x(k, particle);
            xy[2 * k + 1] = frames.y(k, particle);
        }
        return xy;
    }
}
