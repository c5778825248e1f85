package org.diffusionplayground.model.util;

/** A Monte-Carlo estimate: the sample mean and its standard error. */
public record Estimate(double mean, double standardError) {

    /** Mean and standard error √(s²/n) of independent terms (s² with n − 1). */
    public static Estimate of(double[] terms) {
        int n = terms.length;
        double mean = 0;
        for (double v : terms) {
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (double v : terms) {
            var += (v - mean) * (v - mean);
        }
        var /= Math.max(1, n - 1);
        return new Estimate(mean, Math.sqrt(var / n));
    }

    /** Half-width of the two-sided 95 % normal confidence interval, 1.96 standard errors. */
    public double halfWidth95() {
        return 1.96 * standardError;
    }
}
