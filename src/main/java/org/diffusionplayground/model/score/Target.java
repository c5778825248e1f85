package org.diffusionplayground.model.score;

import org.diffusionplayground.model.schedule.Schedule;

/**
 * What the network's output means (MATH.md §2), with x_t = α x₀ + σ ε. Every target converts to the
 * score by an affine map s = a(t)·out + b(t)·x, which keeps input derivatives trivial:
 * <pre>
 *   SCORE    s = out                                  a = 1,               b = 0
 *   EPSILON  s = −ε̂/σ                                 a = −1/σ,            b = 0
 *   X0       s = −(x − α x̂₀)/σ²                        a = α/σ²,            b = −1/σ²
 *   V        v = α ε − σ x₀  ⇒ ε = (σ x + α v)/(α²+σ²)  a = −α/(σ(α²+σ²)),   b = −1/(α²+σ²)
 *   VELOCITY u = dx_t/dt = α'x₀ + σ'ε ⇒ ε = (α u − α' x)/D,  a = −α/(σD),         b = α'/(σD)
 * </pre>
 * with D = ασ' − α'σ. VELOCITY is the flow-matching velocity (Lipman et al. 2023; MATH.md §1.1): for the
 * linear interpolant, u = ε − x₀ and s = −((1 − t)u + x)/t. V is the "v-prediction" of Salimans & Ho
 * (2022), the velocity of the angle parametrisation of a VP schedule; the two coincide only up to scale.
 */
public enum Target {
    SCORE, EPSILON, X0, V, VELOCITY;

    /** a(t) of s = a·out + b·x. */
    public double outputScale(Schedule schedule, double t) {
        double alpha = schedule.alpha(t);
        double sigma = schedule.sigma(t);
        return switch (this) {
            case SCORE -> 1.0;
            case EPSILON -> -1.0 / sigma;
            case X0 -> alpha / (sigma * sigma);
            case V -> -alpha / (sigma * (alpha * alpha + sigma * sigma));
            case VELOCITY -> -alpha / (sigma * velocityDenominator(schedule, t));
        };
    }

    /** b(t) of s = a·out + b·x. */
    public double inputScale(Schedule schedule, double t) {
        double alpha = schedule.alpha(t);
        double sigma = schedule.sigma(t);
        return switch (this) {
            case SCORE, EPSILON -> 0.0;
            case X0 -> -1.0 / (sigma * sigma);
            case V -> -1.0 / (alpha * alpha + sigma * sigma);
            case VELOCITY -> schedule.alphaDot(t) / (sigma * velocityDenominator(schedule, t));
        };
    }

    /** D = ασ' − α'σ: the determinant of (x, u) as functions of (x₀, ε); 1 for the linear interpolant. */
    private static double velocityDenominator(Schedule schedule, double t) {
        return schedule.alpha(t) * schedule.sigmaDot(t) - schedule.alphaDot(t) * schedule.sigma(t);
    }

    /**
     * The regression target for noise ε added to x₀ (DSM): the output a perfect network would give
     * for this (x₀, ε) pair, per coordinate.
     */
    public double regressionTarget(Schedule schedule, double t, double x0, double eps) {
        double alpha = schedule.alpha(t);
        double sigma = schedule.sigma(t);
        return switch (this) {
            case SCORE -> -eps / sigma;
            case EPSILON -> eps;
            case X0 -> x0;
            case V -> alpha * eps - sigma * x0;
            case VELOCITY -> schedule.alphaDot(t) * x0 + schedule.sigmaDot(t) * eps;
        };
    }
}
