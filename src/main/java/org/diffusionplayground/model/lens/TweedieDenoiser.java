package org.diffusionplayground.model.lens;

import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreModel;

/**
 * Tweedie's formula (Robbins 1956; MATH.md §7.2): for x_t = α_t x₀ + σ_t ε the
 * posterior mean of the clean point is a function of the score alone,
 * <pre>
 *   E[x₀ | x_t] = (x_t + σ_t² ∇log p_t(x_t)) / α_t,
 * </pre>
 * so with the model's score in place of ∇log p_t it is the network's "denoised guess": where each
 * particle is heading. With the exact score it is the exact posterior mean; for a Gaussian mixture that
 * is Σ_k r_k(x) [μ_k + α v_k (x − α μ_k) / (α² v_k + σ²)], the test's direct computation.
 */
public final class TweedieDenoiser {

    private final Schedule schedule;
    private final ScoreModel score;

    public TweedieDenoiser(Schedule schedule, ScoreModel score) {
        if (schedule == null || score == null) {
            throw new IllegalArgumentException("Tweedie's formula needs a schedule and a score");
        }
        this.schedule = schedule;
        this.score = score;
    }

    /**
     * E[x₀ | x_t] for n particles at time t (interleaved), into {@code out}, which must not be
     * {@code xt} itself (it first receives the score).
     */
    public void denoise(double t, double[] xt, int n, double[] out) {
        if (out == xt) {
            throw new IllegalArgumentException("the denoised points need their own array");
        }
        score.score(t, xt, n, out);
        double alpha = schedule.alpha(t);
        double var = schedule.variance(t);
        for (int i = 0; i < 2 * n; i++) {
            out[i] = (xt[i] + var * out[i]) / alpha;
        }
    }
}
