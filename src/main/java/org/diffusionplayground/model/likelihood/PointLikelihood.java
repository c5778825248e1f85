package org.diffusionplayground.model.likelihood;

/**
 * One point's likelihood with the path that gives it (MATH.md §4–§5): its numbers — log q₀⁰(x₀) at 𝔥 = 0,
 * the first-order coefficient C(x₀), ∇ log q₀⁰ and its status, a one-point {@link LikelihoodResult} — and its
 * probability-flow ODE path from x₀ at t_min to x_T at T, read from the forward pass's dense output, with
 * ∇ log q_t⁰(x(t)) along it from the backward (adjoint) pass's dense output: the gradient whose transport
 * C integrates.
 *
 * @param result   the point's numbers (index 0)
 * @param times    ascending times from t_min to T where the path is given (empty when the PF-ODE pass failed)
 * @param path     x(t) at those times, interleaved x, y: x₀ first, x_T last
 * @param gradLogQ ∇ log q_t⁰(x(t)) at those times, interleaved; null when the backward pass failed
 * @param terminal x_T as the forward pass ended (where the prior density is read)
 */
public record PointLikelihood(LikelihoodResult result, double[] times, double[] path, double[] gradLogQ,
        double[] terminal) {

    /** Points of the path between two accepted steps of the solver (its steps are long where the path is straight). */
    public static final int SUBDIVISIONS = 4;

    public double x() {
        return result.points().x(0);
    }

    public double y() {
        return result.points().y(0);
    }

    /** NLL at 𝔥 = 0 in nats, −log q₀⁰(x₀); NaN when the PF-ODE pass failed. */
    public double nll() {
        return result.ok(0) ? -result.logQ0()[0] : Double.NaN;
    }

    /** C(x₀): log q₀^𝔥 = log q₀⁰ + 𝔥·C + O(𝔥²); NaN when the backward pass failed. */
    public double correction() {
        return result.correctionOk(0) ? result.correction()[0] : Double.NaN;
    }

    /** |∇ log q₀⁰(x₀)|; NaN when the backward pass failed. */
    public double gradNorm() {
        return result.correctionOk(0) ? Math.hypot(result.gradLogQ0()[0], result.gradLogQ0()[1]) : Double.NaN;
    }

    public String status() {
        return result.status(0);
    }

    /** Points on the path. */
    public int size() {
        return times.length;
    }
}
