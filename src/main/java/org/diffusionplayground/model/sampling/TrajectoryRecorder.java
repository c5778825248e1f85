package org.diffusionplayground.model.sampling;

/**
 * Stores the positions of the first {@code particles} particles at every {@code stride}-th step, as
 * float, for animation and trails: memory is exactly frames × particles × 2 floats, fixed up front and
 * refused above {@link #MAX_BYTES} rather than grown without bound.
 */
public final class TrajectoryRecorder implements StepObserver {

    public static final long MAX_BYTES = 512L * 1024 * 1024;

    private final int particles;
    private final int stride;
    private final float[] positions;
    private final double[] times;
    private final int lastStep;
    /**
     * Frames recorded so far. Volatile and written after each frame's data, so another thread that
     * reads it sees complete frames below it (a view may show a run while it is still being sampled).
     */
    private volatile int frames;

    /**
     * @param particles how many particles to keep (the first ones)
     * @param steps the number of sampler steps that will be observed (step 0 included as the first frame)
     * @param stride keep every stride-th step (and always the last)
     */
    public TrajectoryRecorder(int particles, int steps, int stride) {
        if (particles < 0 || steps < 0 || stride < 1) {
            throw new IllegalArgumentException("particles and steps must be ≥ 0 and the stride ≥ 1");
        }
        int maxFrames = steps / stride + 2;
        long bytes = 8L * particles * maxFrames;
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException(String.format(
                    "recording %d particles over %d frames needs %d MB; the limit is %d MB — record fewer particles or a larger stride",
                    particles, maxFrames, bytes >> 20, MAX_BYTES >> 20));
        }
        this.particles = particles;
        this.stride = stride;
        this.positions = new float[2 * particles * maxFrames];
        this.times = new double[maxFrames];
        this.lastStep = steps;
    }

    @Override
    public void onStep(int step, double t, double[] xy, int n) {
        if (step % stride != 0 && step != lastStep) {
            return;
        }
        if (frames == times.length) {
            return;
        }
        int keep = Math.min(particles, n);
        int base = 2 * particles * frames;
        for (int i = 0; i < 2 * keep; i++) {
            positions[base + i] = (float) xy[i];
        }
        times[frames] = t;
        frames = frames + 1;
    }

    public int frames() {
        return frames;
    }

    public int particles() {
        return particles;
    }

    public double time(int frame) {
        return times[frame];
    }

    public float x(int frame, int particle) {
        return positions[2 * (particles * frame + particle)];
    }

    public float y(int frame, int particle) {
        return positions[2 * (particles * frame + particle) + 1];
    }

    /** Positions of all kept particles at a frame, interleaved, as a new double array. */
    public double[] frame(int frame) {
        double[] out = new double[2 * particles];
        int base = 2 * particles * frame;
        for (int i = 0; i < out.length; i++) {
            out[i] = positions[base + i];
        }
        return out;
    }
}
