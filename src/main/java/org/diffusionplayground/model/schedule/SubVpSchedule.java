package org.diffusionplayground.model.schedule;

/**
 * sub-VP SDE with the SIMPLE β(t) = 20 t (MATH.md §1): α = exp(−5t²) as in SIMPLE,
 * σ² = (1 − α²)², f = −10 t x, g² = β (1 − exp(−2∫β)) = 20 t (1 − exp(−20 t²));
 * t ∈ [0.01, 1], prior N(0, I).
 */
public final class SubVpSchedule implements Schedule {

    @Override
    public ScheduleSpec spec() {
        return ScheduleSpec.of(ScheduleKind.SUB_VP);
    }

    @Override
    public double tMin() {
        return 0.01;
    }

    @Override
    public double tMax() {
        return 1.0;
    }

    @Override
    public double alpha(double t) {
        return Math.exp(-5 * t * t);
    }

    @Override
    public double sigma(double t) {
        return -Math.expm1(-10 * t * t);
    }

    @Override
    public double kappa(double t) {
        return -10 * t;
    }

    @Override
    public double g2(double t) {
        return 20 * t * -Math.expm1(-20 * t * t);
    }

    @Override
    public double priorVariance() {
        return 1.0;
    }
}
