package org.diffusionplayground.model.lens;

import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.sampling.StepObserver;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.Parallel;

/**
 * Langevin MCMC at one fixed noise level t (MATH.md §7.1): the unadjusted Langevin algorithm
 * <pre>
 *   x ← x + (η/2) s(x, t) + √η z,     z ~ N(0, I),
 * </pre>
 * whose continuous limit dx = ½∇log p dt + dB has p_t as its stationary law. With the score of a
 * well-separated mixture at small t the chain stays in the mode it starts in for an astronomically
 * long time — which is why diffusion models anneal t from T down instead. Same score and same
 * particles as the annealed sampler; the noise is counter-based like the samplers' (step k of particle
 * i draws pair (stream {@link #STREAM_OFFSET} + k, i)), so a rerun with another η changes η alone.
 *
 * <p>The chain is biased by its step: on a Gaussian N(0, v I) it is the AR(1) map
 * x ← (1 − η/(2v)) x + √η z, stationary at {@link #stationaryVariance} v/(1 − η/(4v)), not v.
 */
public final class FixedLevelLangevin {

    /** First noise stream; far from the samplers' 0, 1, 2, ..., the corrector's 2⁴⁰ + k and the forward paths'. */
    public static final long STREAM_OFFSET = 3L << 40;
    /** Most steps one run may take. */
    public static final int MAX_STEPS = 1_000_000;

    private final ScoreModel score;
    private final double t;
    private final double eta;

    /**
     * @param score the score field (model or exact)
     * @param t     the fixed noise level
     * @param eta   the step size η &gt; 0, in the data's squared units
     */
    public FixedLevelLangevin(ScoreModel score, double t, double eta) {
        if (score == null) {
            throw new IllegalArgumentException("Langevin MCMC needs a score");
        }
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("the Langevin step size η must be a positive number, got " + eta);
        }
        if (!Double.isFinite(t)) {
            throw new IllegalArgumentException("the noise level t must be a number, got " + t);
        }
        this.score = score;
        this.t = t;
        this.eta = eta;
    }

    public double time() {
        return t;
    }

    public double stepSize() {
        return eta;
    }

    /** Stationary variance of this chain on N(0, v I): v / (1 − η/(4v)); infinite when η ≥ 4v (unstable). */
    public static double stationaryVariance(double v, double eta) {
        double d = 1 - eta / (4 * v);
        return d > 0 ? v / d : Double.POSITIVE_INFINITY;
    }

    /** Move k of the chain for n particles; {@code scoreScratch} has length ≥ 2n. */
    public void step(double[] xy, int n, CounterNormal noise, long k, double[] scoreScratch) {
        score.score(t, xy, n, scoreScratch);
        double half = 0.5 * eta;
        double kick = Math.sqrt(eta);
        long stream = STREAM_OFFSET + k;
        Parallel.forBlocks(n, 4096, (from, to) -> {
            double[] z = new double[2];
            for (int i = from; i < to; i++) {
                noise.pair(stream, i, z, 0);
                xy[2 * i] += half * scoreScratch[2 * i] + kick * z[0];
                xy[2 * i + 1] += half * scoreScratch[2 * i + 1] + kick * z[1];
            }
        });
    }

    /**
     * Runs moves {@code firstMove}, ..., {@code firstMove + steps − 1} (so a chain continued in chunks
     * draws fresh noise each chunk); the observer sees step 0 (the start) and 1..steps after each move,
     * with the fixed t as its time argument.
     */
    public void run(double[] xy, int n, long firstMove, int steps, CounterNormal noise, StepObserver observer,
            Cancellation cancel) {
        if (steps < 0 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("Langevin steps must be between 0 and " + MAX_STEPS + ", got " + steps);
        }
        double[] s = new double[2 * n];
        observer.onStep(0, t, xy, n);
        for (int k = 0; k < steps; k++) {
            cancel.check();
            step(xy, n, noise, firstMove + k, s);
            observer.onStep(k + 1, t, xy, n);
        }
    }
}
