package org.diffusionplayground.model.schedule;

/**
 * The paper's "simple" VP SDE (MATH.md §1): β(t) = 20 t, f = −½β x = −10 t x, g = √(20 t),
 * α = exp(−5t²), σ² = 1 − exp(−10t²), t ∈ [0.01, 1], prior N(0, I).
 */
public final class SimpleSchedule implements Schedule {

    @Override
    public ScheduleSpec spec() {
        return ScheduleSpec.of(ScheduleKind.SIMPLE);
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
        return Math.sqrt(-Math.expm1(-10 * t * t));
    }

    @Override
    public double kappa(double t) {
        return -10 * t;
    }

    @Override
    public double g2(double t) {
        return 20 * t;
    }

    @Override
    public double priorVariance() {
        return 1.0;
    }
}
