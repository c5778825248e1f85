package org.diffusionplayground.model.sampling;

import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.util.Parallel;

/**
 * Two-step exponential integrator for the 𝔥-process, any 𝔥 ≥ 0 (docs/MATH.md §3.1). The part of F_𝔥 that
 * is linear in x — the forward drift κx and the −x/σ² inside the score — is integrated exactly, the
 * Tweedie denoiser D = (x + σ_t² s_θ)/α_t is extrapolated linearly in ℓ = log(α/σ) from this step and the
 * previous one, and the noise is drawn with the exact variance of that linear SDE
 * ({@link ReverseProcess#exponentialTransition}):
 * <pre>
 *   x_s = (α_s/α_t) e^{−cδ} x_t + α_s (1 − e^{−cδ}) D_t + α_s (δ − (1 − e^{−cδ})/c) D′ + σ_s √(1 − e^{−2𝔥δ}) z,
 *   c = 1 + 𝔥,   δ = ℓ_s − ℓ_t,   D′ = (D_t − D_prev) / (ℓ_t − ℓ_prev)   (D′ = 0 on the first step).
 * </pre>
 * The factor on x lies in (0, α_s/α_t] however large g²Δt is, so nothing blows up near T where
 * Euler–Maruyama amplifies. At 𝔥 = 0 this is DPM-Solver++(2M) with exact φ-coefficients, at 𝔥 = 1
 * SDE-DPM-Solver++(2M) (Lu et al. 2022). One score evaluation per step; step k uses noise stream k, like
 * Euler–Maruyama.
 */
public final class ExponentialIntegrator implements Sampler {

    @Override
    public String name() {
        return "Exponential integrator";
    }

    @Override
    public void step(ReverseProcess process, double[] xy, int n, double t, double tNext, CounterNormal noise,
            long stream, StepWork work) {
        double[] d = work.scratch(1);
        process.score().score(t, xy, n, d);
        work.scoreEvaluated(n);
        double alpha = process.schedule().alpha(t);
        double variance = process.schedule().variance(t);
        for (int i = 0; i < 2 * n; i++) {
            d[i] = (xy[i] + variance * d[i]) / alpha;
        }
        ReverseProcess.Transition m = process.exponentialTransition(t, tNext);
        double[] previous = work.memory();
        double previousDelta = work.memoryDelta();
        // D′ ≈ (D_t − D_prev)/Δℓ: slope · D′ = w · (D_t − D_prev)
        double w = previousDelta > 0 ? m.slope() / previousDelta : 0;
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
