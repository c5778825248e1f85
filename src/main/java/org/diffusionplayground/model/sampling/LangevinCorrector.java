package org.diffusionplayground.model.sampling;

import org.diffusionplayground.model.random.CounterNormal;

/**
 * The Langevin corrector of predictor–corrector sampling (Song et al., ICLR 2021, Alg. 4; score_sde's
 * LangevinCorrector): {@code steps} Langevin MCMC moves at the noise level t,
 * <pre>
 *   x ← x + ε s_θ(x, t) + √(2ε) z,     ε = 2 (r ‖z‖ / ‖s_θ‖)²
 * </pre>
 * with the signal-to-noise ratio r (score_sde's default 0.16) and norms averaged over particles. Its
 * noise uses its own streams, so turning it on does not change the predictor's noise.
 */
public final class LangevinCorrector implements Corrector {

    /** First noise stream of the corrector, far from the predictor's 0, 1, 2, ... */
    static final long STREAM_OFFSET = 1L << 40;

    private final int steps;
    private final double snr;

    public LangevinCorrector(int steps, double snr) {
        if (steps < 1 || steps > 100) {
            throw new IllegalArgumentException("corrector steps must be between 1 and 100, got " + steps);
        }
        if (!(snr > 0) || snr > 10) {
            throw new IllegalArgumentException("the corrector's signal-to-noise ratio must be in (0, 10], got " + snr);
        }
        this.steps = steps;
        this.snr = snr;
    }

    @Override
    public String name() {
        return "Langevin corrector (" + steps + " × r = " + snr + ")";
    }

    /** One score evaluation per Langevin move. */
    @Override
    public int evaluationsPerStep() {
        return steps;
    }

    @Override
    public void correct(ReverseProcess process, double[] xy, int n, double t, CounterNormal noise, long stream,
            StepWork work) {
        double[] score = work.scratch(2);
        double[] z = work.scratch(3);
        for (int j = 0; j < steps; j++) {
            process.score().score(t, xy, n, score);
            work.scoreEvaluated(n);
            noise.fill(STREAM_OFFSET + (stream + 1) * steps + j, z, n);
            double scoreNorm = 0;
            double noiseNorm = 0;
            for (int i = 0; i < n; i++) {
                double s = Math.hypot(score[2 * i], score[2 * i + 1]);
                if (Double.isFinite(s)) { // a failed particle's NaN must not poison the others' step size
                    scoreNorm += s;
                    noiseNorm += Math.hypot(z[2 * i], z[2 * i + 1]);
                }
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
