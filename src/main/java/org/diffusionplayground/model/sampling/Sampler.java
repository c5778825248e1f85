package org.diffusionplayground.model.sampling;

import java.util.Arrays;
import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.util.Cancellation;

/**
 * One signature for every reverse-time sampler (k-diffusion's sampling.py style). A sampler is its
 * {@link #step}: move n particles {@code xy} (interleaved) from t to tNext &lt; t under the 𝔥-process with
 * noise stream {@code stream}. {@link #sample} walks a whole grid with it, step k on stream k, so the same
 * seed gives the same noise at every 𝔥, and returns what it produced; {@link #withCorrector} composes a
 * corrector after every step of any sampler.
 */
public interface Sampler {

    String name();

    /** One step from t to tNext &lt; t, in place; may mark failed particles and count its work in {@code work}. */
    void step(ReverseProcess process, double[] xy, int n, double t, double tNext, CounterNormal noise, long stream,
            StepWork work);

    /** Score evaluations per particle per step: the unit of a sampler's budget (NFE = steps × this). */
    default int evaluationsPerStep() {
        return 1;
    }

    /** Rejects a process this sampler cannot integrate, in words for the user (the 𝔥 = 0 solvers). */
    default void requireSupported(ReverseProcess process) {
    }

    /**
     * Moves n particles from {@code start} (at the grid's start; not modified) down the grid. The observer
     * sees step 0 at the start, then the state after every step (corrector included); it must not keep the
     * array.
     */
    default SampleResult sample(ReverseProcess process, double[] start, int n, TimeGrid grid, CounterNormal noise,
            StepObserver observer, Cancellation cancel) {
        requireSupported(process);
        double[] xy = Arrays.copyOf(start, 2 * n);
        StepWork work = new StepWork(n);
        observer.onStep(0, grid.start(), xy, n);
        for (int k = 0; k < grid.steps(); k++) {
            cancel.check();
            step(process, xy, n, grid.time(k), grid.time(k + 1), noise, k, work);
            work.markNonFinite(xy);
            observer.onStep(k + 1, grid.time(k + 1), xy, n);
        }
        return work.result(xy, grid.steps());
    }

    /** This sampler followed by {@code corrector} at the new time after every step. */
    default Sampler withCorrector(Corrector corrector) {
        return new PredictorCorrector(this, corrector);
    }

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
