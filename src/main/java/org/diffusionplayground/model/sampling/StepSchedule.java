package org.diffusionplayground.model.sampling;

/**
 * Named ways of placing a sampler's steps between T and t_min (docs/MATH.md §3.2), shared by the window,
 * the command line and the exports through {@link TimeGrid#of}. With the log signal-to-noise ratio
 * ℓ(t) = log(α_t / σ_t), which falls monotonically from t_min to T:
 * <ul>
 *   <li>{@link #UNIFORM_T}: equal steps in t, the paper's grid;</li>
 *   <li>{@link #UNIFORM_LOG_SNR}: equal steps in ℓ (Lu et al., DPM-Solver, NeurIPS 2022), which puts short
 *   steps in t where g² = −2σ² dℓ/dt is large, e.g. near T for the cosine schedule;</li>
 *   <li>{@link #KARRAS}: the noise-to-signal ratio σ̃ = σ/α = e^{−ℓ} spaced as
 *   σ̃_k = (σ̃_max^{1/ρ} + k/N (σ̃_min^{1/ρ} − σ̃_max^{1/ρ}))^ρ with ρ = 7 (Karras et al., EDM, NeurIPS 2022,
 *   eq. 5), which crowds the steps near the data.</li>
 * </ul>
 */
public enum StepSchedule {
    UNIFORM_T("uniform in t"),
    UNIFORM_LOG_SNR("uniform in log-SNR"),
    KARRAS("Karras ρ = 7");

    /** EDM's ρ: the paper's ablation found 7 near-optimal for its image models. */
    public static final double KARRAS_RHO = 7.0;

    private final String label;

    StepSchedule(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
