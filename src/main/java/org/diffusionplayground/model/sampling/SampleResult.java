package org.diffusionplayground.model.sampling;

/**
 * What a sampler produced: the particles at the grid's end (interleaved), which of them failed (their
 * state became NaN or ∞, or an adaptive solver gave up on them: reported, never folded into a mean),
 * and how much work it took. {@code scoreEvaluations} counts score evaluations per particle summed over
 * particles; {@code rejectedSteps} counts an adaptive solver's rejected trial steps (0 for fixed steps).
 */
public record SampleResult(double[] positions, boolean[] failed, int steps, long scoreEvaluations,
        long rejectedSteps) {

    /** How many particles failed. */
    public int failures() {
        int count = 0;
        for (boolean f : failed) {
            if (f) {
                count++;
            }
        }
        return count;
    }
}
