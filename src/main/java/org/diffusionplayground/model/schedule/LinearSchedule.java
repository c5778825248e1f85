package org.diffusionplayground.model.schedule;

/**
 * The linear interpolant of rectified flow and flow matching (Liu et al. 2023; Lipman et al. 2023;
 * MATH.md §1.1): x_t = (1 − t) x₀ + t ε, so α = 1 − t, σ = t. As a forward SDE (MATH.md §1):
 * <pre>
 *   κ = d log α/dt = −1/(1 − t),     g² = dσ²/dt − 2κσ² = 2t + 2t²/(1 − t) = 2t/(1 − t).
 * </pre>
 * It is Gaussian given x₀, so the flow-matching velocity and the score are affine in each other
 * ({@code Target.VELOCITY}) and the 𝔥 family of samplers applies unchanged. t ∈ [0.01, 1 − 1e-3] (the
 * paper's t_min; g² blows up at t = 1 as the cosine schedule's does, ≈ 2 000 at T). Prior N(0, σ_T²).
 */
public final class LinearSchedule implements Schedule {

    private static final double T_MAX = 1 - 1e-3;

    @Override
    public ScheduleSpec spec() {
        return ScheduleSpec.of(ScheduleKind.LINEAR);
    }

    @Override
    public double tMin() {
        return 0.01;
    }

    @Override
    public double tMax() {
        return T_MAX;
    }

    @Override
    public double alpha(double t) {
        return 1 - t;
    }

    @Override
    public double sigma(double t) {
        return t;
    }

    @Override
    public double kappa(double t) {
        return -1 / (1 - t);
    }

    @Override
    public double g2(double t) {
        return 2 * t / (1 - t);
    }

    @Override
    public double priorVariance() {
        return T_MAX * T_MAX;
    }
}
