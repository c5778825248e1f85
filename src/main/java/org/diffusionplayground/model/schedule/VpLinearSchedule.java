package org.diffusionplayground.model.schedule;

/**
 * score_sde's VP SDE (MATH.md §1): β(t) = β_min + t (β_max − β_min) with β_min = 0.1, β_max = 20;
 * α = exp(−½∫₀ᵗβ), σ² = 1 − α², f = −½β x, g = √β; t ∈ [1e-3, 1], prior N(0, I).
 */
public final class VpLinearSchedule implements Schedule {

    static final double BETA_MIN = 0.1;
    static final double BETA_MAX = 20.0;

    private static double beta(double t) {
        return BETA_MIN + t * (BETA_MAX - BETA_MIN);
    }

    /** ∫₀ᵗ β(u) du. */
    private static double integratedBeta(double t) {
        return BETA_MIN * t + 0.5 * (BETA_MAX - BETA_MIN) * t * t;
    }

    @Override
    public ScheduleSpec spec() {
        return ScheduleSpec.of(ScheduleKind.VP_LINEAR);
    }

    @Override
    public double tMin() {
        return 1e-3;
    }

    @Override
    public double tMax() {
        return 1.0;
    }

    @Override
    public double alpha(double t) {
        return Math.exp(-0.5 * integratedBeta(t));
    }

    @Override
    public double sigma(double t) {
        return Math.sqrt(-Math.expm1(-integratedBeta(t)));
    }

    @Override
    public double kappa(double t) {
        return -0.5 * beta(t);
    }

    @Override
    public double g2(double t) {
        return beta(t);
    }

    @Override
    public double priorVariance() {
        return 1.0;
    }
}
