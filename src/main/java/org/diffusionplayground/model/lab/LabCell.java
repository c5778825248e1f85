package org.diffusionplayground.model.lab;

/**
 * One sampler at one budget. {@code w2} and {@code mmd2} compare its samples with the data (NaN when a
 * particle failed). {@code exactError} is the sampler's own discretisation error, measured with the exact
 * score (NaN without one): at 𝔥 = 0 the RMS distance of each end point to the reference solve from the same
 * x_T (over the points that enter W2), at 𝔥 &gt; 0 the W2 of its samples to a draw of the exact law p_{t_min}. {@code networkError} is the RMS
 * distance between the model's run and the exact score's run on the same grid with the same noise: what the
 * network alone moves (NaN when the model is the exact score or there is none). {@code samples} are the
 * model's end points.
 */
public record LabCell(LabSampler sampler, int budget, int steps, int nfe, int failures, double w2, double mmd2,
        double exactError, double networkError, double seconds, double[] samples) {
}
