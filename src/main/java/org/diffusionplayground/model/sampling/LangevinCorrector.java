package org.diffusionplayground.model.sampling;

import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.util.Cancellation;

/**
 * Predictor–corrector sampling (seed 001, score_sde's PC samplers): after each predictor step to
 * t_{k+1}, {@code steps} Langevin MCMC moves at that noise level,
 * <pre>
 *   x ← x + ε s_θ(x, t) + √(2ε) z,     ε = 2 (r ‖z‖ / ‖s_θ‖)²
 * </pre>
 * with the signal-to-noise ratio r (score_sde's default 0.16) and norms averaged over particles. The
 * corrector's noise uses its own streams, so turning it on does not change the predictor's noise.
 */
public final class LangevinCorrector implements Sampler {

    /** First noise stream of the corrector, far from the predictor's 0, 1, 2, ... */
    static final long STREAM_OFFSET = 1L << 40;

    private final Sampler predictor;
    private final int steps;
    private final double snr;

    public LangevinCorrector(Sampler predictor, int steps, double snr) {
        if (steps < 1 || steps > 100) {
            throw new IllegalArgumentException("corrector steps must be between 1 and 100, got " + steps);
        }
        if (!(snr > 0) || snr > 10) {
            throw new IllegalArgumentException("the corrector's signal-to-noise ratio must be in (0, 10], got " + snr);
        }
        if (predictor instanceof AdaptivePfOdeSampler) {
            throw new IllegalArgumentException("the Langevin corrector needs a fixed-step predictor (Euler–Maruyama or Heun)");
        }
        this.predictor = predictor;
        this.steps = steps;
        this.snr = snr;
    }

    @Override
    public String name() {
        return predictor.name() + " + Langevin corrector (" + steps + " × r = " + snr + ")";
    }

    @Override
    public void sample(ReverseProcess process, double[] xy, int n, TimeGrid grid, CounterNormal noise,
            StepObserver observer, Cancellation cancel) {
        double[] score = new double[2 * n];
        double[] z = new double[2 * n];
        predictor.sample(process, xy, n, grid, noise, (step, t, positions, count) -> {
            if (step > 0) {
                correct(process, positions, count, t, noise, step, score, z);
            }
            observer.onStep(step, t, positions, count);
        }, cancel);
    }

    private void correct(ReverseProcess process, double[] xy, int n, double t, CounterNormal noise, int step,
            double[] score, double[] z) {
        for (int j = 0; j < steps; j++) {
            process.score().score(t, xy, n, score);
            noise.fill(STREAM_OFFSET + (long) step * steps + j, z, n);
            double scoreNorm = 0;
            double noiseNorm = 0;
            for (int i = 0; i < n; i++) {
                scoreNorm += Math.hypot(score[2 * i], score[2 * i + 1]);
                noiseNorm += Math.hypot(z[2 * i], z[2 * i + 1]);
            }
            double ratio = scoreNorm == 0 ? 0 : snr * noiseNorm / scoreNorm;
            double eps = 2 * ratio * ratio;
            double kick = Math.sqrt(2 * eps);
            for (int i = 0; i < 2 * n; i++) {
                xy[i] += eps * score[i] + kick * z[i];
            }
        }
    }
}
