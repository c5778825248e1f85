package org.diffusionplayground.model.sampling;

/**
 * DPM-Solver++(2M) (Lu et al., "DPM-Solver++", 2022, Alg. 2) and, for 𝔥 &gt; 0, its SDE form (ibid. §5,
 * midpoint variant), any 𝔥 ≥ 0 (docs/MATH.md §3.3). With δ = ℓ_s − ℓ_t, r = δ_prev/δ and c = 1 + 𝔥:
 * <pre>
 *   x_s = (α_s/α_t) e^{−cδ} x_t + α_s (1 − e^{−cδ}) [D_t + (D_t − D_prev)/(2r)] + σ_s √(1 − e^{−2𝔥δ}) z,
 * </pre>
 * i.e. the exact 𝔥-transition applied to the denoiser extrapolated to the step's midpoint in ℓ. At 𝔥 = 0 it is
 * Lu et al.'s (σ_s/σ_t) x_t − α_s (e^{−δ} − 1) D̂ exactly; it differs from {@link ExponentialIntegrator} only in
 * the weight of D_t − D_prev (α_s(1 − e^{−cδ})δ/(2δ_prev) here, the exact φ-integral α_s(δ − (1 − e^{−cδ})/c)/δ_prev
 * there), which agree to leading order in δ: both are second order.
 */
public final class DpmSolverPlusPlus2M extends TwoStepExponential {

    @Override
    public String name() {
        return "DPM-Solver++(2M)";
    }

    @Override
    double weight(ReverseProcess.Transition m, double previousDelta) {
        return m.denoiser() * m.delta() / (2 * previousDelta);
    }
}
