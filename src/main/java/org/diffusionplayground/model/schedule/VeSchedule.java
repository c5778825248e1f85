package org.diffusionplayground.model.schedule;

/**
 * Variance-exploding SDE (MATH.md §1): α = 1, σ = σ_min (σ_max/σ_min)^t, f = 0,
 * g² = dσ²/dt = 2 σ² ln(σ_max/σ_min); t ∈ [1e-3, 1]; prior N(0, σ_max² I).
 * σ_min = 0.01; σ_max should be about the data's diameter.
 */
public final class VeSchedule implements Schedule {

    public static final double SIGMA_MIN = 0.01;

    private final double sigmaMax;
    private final double logRatio;

    public VeSchedule(double sigmaMax) {
        this.sigmaMax = sigmaMax;
        this.logRatio = Math.log(sigmaMax / SIGMA_MIN);
    }

    @Override
    public ScheduleSpec spec() {
        return new ScheduleSpec(ScheduleKind.VE, sigmaMax);
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
        return 1.0;
    }

    @Override
    public double sigma(double t) {
        return SIGMA_MIN * Math.exp(t * logRatio);
    }

    @Override
    public double kappa(double t) {
        return 0.0;
    }

    @Override
    public double g2(double t) {
        double s = sigma(t);
        return 2 * s * s * logRatio;
    }

    @Override
    public double priorVariance() {
        return sigmaMax * sigmaMax;
    }
}
