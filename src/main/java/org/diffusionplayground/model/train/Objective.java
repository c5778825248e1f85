package org.diffusionplayground.model.train;

/**
 * Which score-matching objective training minimises (seed 001; MATH.md §2). All three have the same
 * minimiser, the true score ∇log p_t, and with the constant below the same expected value, so their
 * loss curves are drawn on one scale:
 * <pre>
 *   DSM  E λ ½‖s_θ(x_t,t) + ε/σ_t‖²                       (Vincent 2011: regress the conditional score)
 *   ISM  E λ [½‖s_θ‖² + ∇·s_θ] + E λ/σ_t²                 (Hyvärinen 2005: exact divergence, 2 tangents)
 *   SSM  E λ [½‖s_θ‖² + vᵀ(∇s_θ)v] + E λ/σ_t²,  v ~ N(0,I) (Song et al. 2019, sliced, 1 tangent)
 * </pre>
 * Integrating by parts, E_p[s·∇log p] = −E_p[∇·s], so ½E‖s − ∇log p‖² = E[½‖s‖² + ∇·s] + ½E‖∇log p‖²,
 * and the conditional-score identity gives the DSM loss = ISM loss + ½E‖ε/σ‖² = ISM loss + 1/σ² in 2-D
 * (per t, before λ). ISM and SSM need the network's input Jacobian inside the loss: the trainer carries
 * forward-mode tangents through the MLP and backpropagates through them.
 */
public enum Objective {
    DSM("denoising score matching", 0),
    ISM("implicit score matching (exact divergence)", 2),
    SSM("sliced score matching", 1);

    private final String label;
    private final int tangents;

    Objective(String label, int tangents) {
        this.label = label;
        this.tangents = tangents;
    }

    /** Forward-mode tangent directions the trainer pushes through the network per sample. */
    public int tangents() {
        return tangents;
    }

    public String label() {
        return label;
    }
}
