package org.diffusionplayground.model.ode;

import java.util.Arrays;

/**
 * Dense output of an ensemble integration: for every member and every accepted step the Dormand–Prince
 * continuous extension of order 4 (Hairer, Nørsett &amp; Wanner, Solving ODEs I, II.6, the interpolant of
 * their code DOPRI5), built from the seven stages the step computed anyway. Its error inside a step is of
 * the same order, O(h⁵), as the local error the step-size control keeps below the tolerance, so a path
 * read back from it is as good as the integration itself; a cubic Hermite interpolant, O(h⁴), is not
 * (MATH.md §5: the backward pass of C reads x(t) from here and must not drift off the true path).
 *
 * <p>Only the first {@code dim} components of each member's state are stored (a likelihood pass needs
 * the point x, not its accumulators). Attach {@link #listener()} to {@link EnsembleDormandPrince#integrate};
 * the direction of the run does not matter.
 */
public final class DenseTrajectories {

    // d_i of the continuous extension (DOPRI5's dense-output coefficients)
    private static final double D1 = -12715105075.0 / 11282082432.0;
    private static final double D3 = 87487479700.0 / 32700410799.0;
    private static final double D4 = -10690763975.0 / 1880347072.0;
    private static final double D5 = 701980252875.0 / 199316789632.0;
    private static final double D6 = -1453857185.0 / 822651844.0;
    private static final double D7 = 69997945.0 / 29380423.0;
    /** Coefficient vectors per step and component: y_old, Δy, h·f_old − Δy, Δy − h·f_new − (h·f_old − Δy), h·Σ dᵢkᵢ. */
    private static final int COEFFICIENTS = 5;

    private final int dim;
    /** times[m][k]: start of step k of member m; times[m][count] its end. */
    private final double[][] times;
    private final double[][] coefficients;
    private final int[] steps;

    public DenseTrajectories(int members, int dim) {
        this.dim = dim;
        times = new double[members][9];
        coefficients = new double[members][8 * COEFFICIENTS * dim];
        steps = new int[members];
    }

    public EnsembleDormandPrince.StepListener listener() {
        return this::append;
    }

    private void append(int m, double tOld, double tNew, double[] yOld, double[] yNew, double[][] k, int offset) {
        int s = steps[m];
        if (s + 2 > times[m].length) {
            times[m] = Arrays.copyOf(times[m], 2 * times[m].length);
        }
        if ((s + 1) * COEFFICIENTS * dim > coefficients[m].length) {
            coefficients[m] = Arrays.copyOf(coefficients[m], 2 * coefficients[m].length);
        }
        times[m][s] = tOld;
        times[m][s + 1] = tNew;
        double h = tNew - tOld;
        double[] c = coefficients[m];
        int base = s * COEFFICIENTS * dim;
        for (int i = 0; i < dim; i++) {
            int j = offset + i;
            double y0 = yOld[j];
            double dy = yNew[j] - y0;
            double bspl = h * k[0][j] - dy;
            c[base + i] = y0;
            c[base + dim + i] = dy;
            c[base + 2 * dim + i] = bspl;
            c[base + 3 * dim + i] = dy - h * k[6][j] - bspl;
            c[base + 4 * dim + i] = h * (D1 * k[0][j] + D3 * k[2][j] + D4 * k[3][j] + D5 * k[4][j] + D6 * k[5][j]
                    + D7 * k[6][j]);
        }
        steps[m] = s + 1;
    }

    /** Number of stored points of member m (its accepted steps plus the start; 0 before the first step). */
    public int points(int m) {
        return steps[m] == 0 ? 0 : steps[m] + 1;
    }

    /** The times of member m's accepted steps in the order they were taken, its start first and its end last. */
    public double[] knots(int m) {
        return Arrays.copyOf(times[m], points(m));
    }

    /** The time where member m's recorded trajectory ends (the end of its last accepted step). */
    public double endTime(int m) {
        requireSteps(m);
        return times[m][steps[m]];
    }

    /**
     * y_m(t) into {@code out[offset ..]} by the continuous extension of the step containing t (clamped to
     * the integrated range):
     * y(t_k + θh) = y_k + θ(Δy + (1−θ)(bspl + θ(c₄ + (1−θ)c₅))).
     */
    public void interpolate(int m, double t, double[] out, int offset) {
        requireSteps(m);
        int n = steps[m];
        double[] ts = times[m];
        int k = locate(ts, n + 1, t, ts[n] > ts[0]);
        double h = ts[k + 1] - ts[k];
        double theta = h == 0 ? 0 : Math.max(0, Math.min(1, (t - ts[k]) / h));
        double theta1 = 1 - theta;
        double[] c = coefficients[m];
        int base = k * COEFFICIENTS * dim;
        for (int i = 0; i < dim; i++) {
            out[offset + i] = c[base + i] + theta * (c[base + dim + i] + theta1 * (c[base + 2 * dim + i]
                    + theta * (c[base + 3 * dim + i] + theta1 * c[base + 4 * dim + i])));
        }
    }

    private void requireSteps(int m) {
        if (steps[m] == 0) {
            throw new IllegalStateException("member " + m + " has no recorded steps");
        }
    }

    /** Index k of the interval [ts[k], ts[k+1]] containing t (binary search, either direction). */
    private static int locate(double[] ts, int n, double t, boolean increasing) {
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            boolean before = increasing ? t < ts[mid] : t > ts[mid];
            if (before) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return lo;
    }
}
