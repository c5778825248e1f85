package org.diffusionplayground.model.schedule;

/** The forward processes of MATH.md §1. */
public enum ScheduleKind {
    /** VP with β(t) = 20 t on [0.01, 1]: the paper's "simple" SDE. */
    SIMPLE("VP, β(t) = 20t (the paper's)"),
    /** VP with β linear from 0.1 to 20 (score_sde). */
    VP_LINEAR("VP, β linear 0.1 → 20 (score_sde)"),
    /** VP with α = cos(πt/2), σ = sin(πt/2) on [0.01, 1 − 1e-3]: the paper's "cosine" SDE. */
    COSINE("VP, α = cos(πt/2) (the paper's)"),
    /** sub-VP with the SIMPLE β. */
    SUB_VP("sub-VP, β(t) = 20t"),
    /** Variance exploding, σ from σ_min to σ_max geometrically. */
    VE("VE, σ_min (σ_max/σ_min)^t"),
    /** The linear interpolant x_t = (1 − t) x₀ + t ε of rectified flow and flow matching. */
    LINEAR("linear interpolant (1 − t)x₀ + tε (rectified flow)");

    private final String description;

    ScheduleKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
