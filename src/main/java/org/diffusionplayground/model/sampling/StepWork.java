package org.diffusionplayground.model.sampling;

import java.util.Arrays;

/**
 * The working memory of one sampling run over n particles: scratch arrays a step may reuse, the
 * per-particle failure flags and the work counters that end up in the {@link SampleResult}.
 */
public final class StepWork {

    private final int n;
    private final double[][] scratch = new double[4][];
    private final boolean[] failed;
    private double[] memory;
    private double memoryDelta;
    private long scoreEvaluations;
    private long rejectedSteps;

    public StepWork(int n) {
        this.n = n;
        this.failed = new boolean[n];
    }

    public int particles() {
        return n;
    }

    /** Scratch array {@code slot} (0…3) of length 2n, allocated once per run. */
    public double[] scratch(int slot) {
        if (scratch[slot] == null) {
            scratch[slot] = new double[2 * n];
        }
        return scratch[slot];
    }

    /**
     * What a multistep sampler carries from one step to the next (2n values; the corrector never touches
     * it), e.g. the previous step's denoiser.
     */
    public double[] memory() {
        if (memory == null) {
            memory = new double[2 * n];
        }
        return memory;
    }

    /** The log-SNR length of the step that filled {@link #memory()}; 0 before the first step. */
    public double memoryDelta() {
        return memoryDelta;
    }

    public void remember(double delta) {
        memoryDelta = delta;
    }

    /** Counts one score evaluation at {@code points} particles. */
    public void scoreEvaluated(long points) {
        scoreEvaluations += points;
    }

    public void rejected(long steps) {
        rejectedSteps += steps;
    }

    public void fail(int particle) {
        failed[particle] = true;
    }

    public boolean failed(int particle) {
        return failed[particle];
    }

    /** Marks every particle whose state is no longer finite. */
    void markNonFinite(double[] xy) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(xy[2 * i]) || !Double.isFinite(xy[2 * i + 1])) {
                failed[i] = true;
            }
        }
    }

    SampleResult result(double[] positions, int steps) {
        return new SampleResult(positions, Arrays.copyOf(failed, n), steps, scoreEvaluations, rejectedSteps);
    }
}
