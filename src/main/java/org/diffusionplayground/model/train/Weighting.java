package org.diffusionplayground.model.train;

/**
 * The weight λ(t) of the DSM loss E_t λ(t) E‖s_θ(x_t,t) + ε/σ_t‖² and how t is drawn (MATH.md §2).
 */
public enum Weighting {
    /** λ = σ_t², t uniform: the standard ("simple") weighting, ε-prediction MSE for the EPSILON target. */
    SIGMA2,
    /** λ = g(t)², t uniform: the likelihood weighting, ½∫g²E‖s_θ − ∇log p_t‖²dt bounds the KL (`000_*`). */
    G2,
    /**
     * λ = g(t)² with t drawn from p(t) ∝ g²/σ² and each term multiplied by λ/p: the same objective as
     * {@link #G2}, with far lower variance. Since g² = dσ²/dt − 2(dlogα/dt)σ², g²/σ² = d/dt log(σ²/α²):
     * t ∝ g²/σ² means log(σ_t²/α_t²) is uniform ({@link TimeSampler}).
     */
    G2_IMPORTANCE,
    /**
     * λ = 1/a(t)², t uniform, where s = a·u + b·x converts the flow-matching velocity u to the score
     * ({@code Target.VELOCITY}): then λ‖s_θ − s‖² = ‖u_θ − u‖², the conditional flow-matching loss of
     * Lipman et al. (2023) whatever the network's target (MATH.md §1.1). For the linear interpolant
     * λ = t²/(1 − t)².
     */
    FLOW_MATCHING
}
