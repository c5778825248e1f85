package org.diffusionplayground.model.sampling;

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
 * Euler–Maruyama amplifies. At 𝔥 = 0 this is DPM-Solver++(2M) with the exact φ-coefficient on D′ where
 * {@link DpmSolverPlusPlus2M} uses Lu et al.'s midpoint weight; one score evaluation per step; step k uses
 * noise stream k, like Euler–Maruyama.
 */
public final class ExponentialIntegrator extends TwoStepExponential {

    @Override
    public String name() {
        return "Exponential integrator";
    }

    /** slope · D′ = slope/(ℓ_t − ℓ_prev) · (D_t − D_prev). */
    @Override
    double weight(ReverseProcess.Transition m, double previousDelta) {
        return m.slope() / previousDelta;
    }
}
