package org.diffusionplayground.export;

/** What a video shows. */
public enum VideoKind {
    /** Data → noise: the exact forward marginal x_t = α_t x₀ + σ_t ε with fixed ε, t from t_min to T. */
    FORWARD("Forward noising"),
    /** Noise → data: one sampling run of the scene's 𝔥-process, t from T down to t_min. */
    BACKWARD("Backward sampling"),
    /** The samples at t_min as 𝔥 goes from 0 to 3, every frame with the same noise (MATH.md §3). */
    H_SWEEP("𝔥 sweep (same noise)");

    private final String label;

    VideoKind(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
