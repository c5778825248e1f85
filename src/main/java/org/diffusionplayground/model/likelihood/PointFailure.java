package org.diffusionplayground.model.likelihood;

/**
 * Why one point's likelihood computation stopped, and in which pass (MATH.md §4–§5). The passes run in
 * order and a point that fails in one is not carried into the next, so the pass says what is still
 * valid: a point whose backward pass failed keeps its NLL; one whose PF-ODE failed has nothing.
 *
 * @param pass   the pass that failed
 * @param reason what the solver said, in words
 */
public record PointFailure(Pass pass, String reason) {

    /** The passes of a likelihood computation, in the order they run. */
    public enum Pass {
        /** The forward probability-flow ODE with the log-density accumulator: gives log q₀⁰. */
        PF_ODE("PF-ODE"),
        /** The pass that gives C: the backward adjoint pass (∇ℓ, H, c), or another method's own pass for C. */
        BACKWARD("C (backward pass)"),
        /** The forward δx pass: the second, independent form of C. */
        DELTA_X("C (δx form)");

        private final String label;

        Pass(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public PointFailure {
        if (pass == null || reason == null) {
            throw new IllegalArgumentException("a failure needs its pass and its reason");
        }
    }

    @Override
    public String toString() {
        return pass.label() + ": " + reason;
    }
}
