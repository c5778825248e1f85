package org.diffusionplayground.model.ode;

/**
 * Error tolerances of an adaptive solver: a step is accepted when the RMS over components of
 * err_i / (atol + rtol·max(|y_i|, |y_i'|)) is at most 1 (Hairer–Nørsett–Wanner II.4).
 */
public record Tolerance(double rtol, double atol) {

    /** Loosest tolerance that still means something for a likelihood. */
    public static final double MAX = 0.1;
    /** Tightest tolerance worth asking of double precision. */
    public static final double MIN = 1e-13;

    public Tolerance {
        check(rtol, "relative");
        check(atol, "absolute");
    }

    /** rtol = atol = tol, the convention of MATH.md §4 and the paper's table. */
    public static Tolerance of(double tol) {
        return new Tolerance(tol, tol);
    }

    private static void check(double tol, String which) {
        if (Double.isNaN(tol) || tol <= 0) {
            throw new IllegalArgumentException("the " + which + " tolerance must be positive, got " + tol);
        }
        if (tol > MAX) {
            throw new IllegalArgumentException("the " + which + " tolerance must be at most " + MAX + ", got " + tol);
        }
        if (tol < MIN) {
            throw new IllegalArgumentException("the " + which + " tolerance must be at least " + MIN + ", got " + tol);
        }
    }
}
