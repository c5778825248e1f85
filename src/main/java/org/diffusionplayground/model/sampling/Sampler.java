package org.diffusionplayground.model.sampling;

import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.util.Cancellation;

/**
 * One signature for every reverse-time sampler (k-diffusion's sampling.py style): move n particles
 * {@code xy} (interleaved, starting at T) along the grid down to t_min under the given 𝔥-process.
 * Step k uses noise stream k of {@code noise}, so the same seed gives the same noise at every 𝔥.
 */
public interface Sampler {

    void sample(ReverseProcess process, double[] xy, int n, TimeGrid grid, CounterNormal noise,
            StepObserver observer, Cancellation cancel);

    String name();

    /** The noise stream used for the prior draw x_T (steps use streams 0, 1, 2, ...). */
    long PRIOR_STREAM = -1;

    /** Draws x_T from the prior with the prior stream of {@code noise}: the same for every 𝔥. */
    static void samplePrior(ReverseProcess process, double[] xy, int n, CounterNormal noise) {
        noise.fill(PRIOR_STREAM, xy, n);
        double s = Math.sqrt(process.schedule().priorVariance());
        for (int i = 0; i < 2 * n; i++) {
            xy[i] *= s;
        }
    }
}
