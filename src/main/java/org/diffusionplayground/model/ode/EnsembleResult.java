package org.diffusionplayground.model.ode;

/**
 * Outcome of an ensemble integration: final states, and per member the failure reason (null when it
 * reached the end), accepted and rejected steps. {@code memberEvaluations} counts right-hand-side
 * evaluations summed over members (one per member per stage); {@code calls} counts batched calls.
 */
public record EnsembleResult(double[] y, String[] failure, int[] steps, int[] rejected, long memberEvaluations,
        int calls) {

    public boolean failed(int member) {
        return failure[member] != null;
    }

    public int failures() {
        int n = 0;
        for (String f : failure) {
            if (f != null) {
                n++;
            }
        }
        return n;
    }
}
