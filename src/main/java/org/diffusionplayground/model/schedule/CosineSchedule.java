package org.diffusionplayground.model.schedule;

/**
 * The paper's cosine VP SDE (MATH.md §1): α = cos(πt/2), σ = sin(πt/2), f = −(π/2) tan(πt/2) x,
 * g² = π tan(πt/2); t ∈ [0.01, 1 − 1e-3] because g² blows up at t = 1 (≈ 2000 at T: stiff near
 * the noise end). Prior N(0, I).
 */
public final class CosineSchedule implements Schedule {

    @Override
    public ScheduleSpec spec() {
        return ScheduleSpec.of(ScheduleKind.COSINE);
    }

    @Override
    public double tMin() {
        return 0.01;
    }

    @Override
    public double tMax() {
        return 1 - 1e-3;
    }

    @Override
    public double alpha(double t) {
        return Math.cos(0.5 * Math.PI * t);
    }

    @Override
    public double sigma(double t) {
        return Math.sin(0.5 * Math.PI * t);
    }

    @Override
    public double kappa(double t) {
        return -0.5 * Math.PI * Math.tan(0.5 * Math.PI * t);
    }

    @Override
    public double g2(double t) {
        return Math.PI * Math.tan(0.5 * Math.PI * t);
    }

    @Override
    public double priorVariance() {
        return 1.0;
    }
}
