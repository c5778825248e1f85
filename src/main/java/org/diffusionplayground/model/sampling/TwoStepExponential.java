package org.diffusionplayground.model.sampling;

import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.util.Parallel;

/**
 * The step the two-step exponential integrators share (docs/MATH.md §3.1): the exact 𝔥-transition
 * {@link ReverseProcess#exponentialTransition} with the denoiser's change over the step estimated from the
 * previous step's denoiser,
 * <pre>
 *   x_s = a x_t + b D_t + w (D_t − D_prev) + c z,
 * </pre>
 * where a, b, c come from the transition and the subclass says how the difference is weighted ({@link #weight}).
 * One score evaluation per step; step k uses noise stream k; w = 0 on the first step (no D_prev yet).
 */
abstract class TwoStepExponential implements Sampler {

    /** The weight w of D_t − D_prev for a step with transition {@code m} after a step of log-SNR length {@code previousDelta} &gt; 0. */
    abstract double weight(ReverseProcess.Transition m, double previousDelta);

    @Override
    public final void step(ReverseProcess process, double[] xy, int n, double t, double tNext, CounterNormal noise,
            long stream, StepWork work) {
        double[] d = work.scratch(1);
        process.denoise(t, xy, n, d);
        work.scoreEvaluated(n);
        ReverseProcess.Transition m = process.exponentialTransition(t, tNext);
        double[] previous = work.memory();
        double previousDelta = work.memoryDelta();
        double w = previousDelta > 0 ? weight(m, previousDelta) : 0;
        double a = m.x();
        double b = m.denoiser();
        double c = m.noise();
        Parallel.forBlocks(n, 2048, (from, to) -> {
            double[] z = new double[2];
            for (int i = from; i < to; i++) {
                if (c != 0) {
                    noise.pair(stream, i, z, 0);
                }
                for (int j = 2 * i; j < 2 * i + 2; j++) {
                    double di = d[j];
                    double x = a * xy[j] + b * di + c * z[j - 2 * i];
                    if (w != 0) {
                        x += w * (di - previous[j]);
                    }
                    xy[j] = x;
                    previous[j] = di;
                }
            }
        });
        work.remember(m.delta());
    }
}
