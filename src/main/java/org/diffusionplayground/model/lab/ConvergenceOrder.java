package org.diffusionplayground.model.lab;

/**
 * The observed order p of a method whose error falls like e ∝ NFE^−p: minus the least-squares slope of
 * log e against log NFE. A method of order p on a smooth problem shows p once its error is out of the
 * pre-asymptotic range and above the reference's own error.
 */
public final class ConvergenceOrder {

    private ConvergenceOrder() {
    }

    /** −slope of log error over log work; NaN with fewer than two finite positive errors. */
    public static double fit(double[] work, double[] error) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int m = 0;
        for (int i = 0; i < work.length; i++) {
            if (error[i] > 0 && Double.isFinite(error[i])) {
                double x = Math.log(work[i]);
                double y = Math.log(error[i]);
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
                m++;
            }
        }
        if (m < 2) {
            return Double.NaN;
        }
        return -(m * sxy - sx * sy) / (m * sxx - sx * sx);
    }
}
