package org.diffusionplayground.model.ode;

import java.util.Arrays;

/**
 * Dense output of an ensemble integration: for every member the accepted step points (t, y, f) and a
 * cubic Hermite interpolant between them (continuous, third-order accurate, and it reuses the FSAL
 * derivatives the solver has anyway). Attach {@link #listener()} to
 * {@link EnsembleDormandPrince#integrate}; the time direction of the run does not matter.
 */
public final class DenseTrajectories {

    private final int dim;
    private final double[][] times;
    private final double[][] states;
    private final double[][] slopes;
    private final int[] counts;

    public DenseTrajectories(int members, int dim) {
        this.dim = dim;
        times = new double[members][8];
        states = new double[members][8 * dim];
        slopes = new double[members][8 * dim];
        counts = new int[members];
    }

    public EnsembleDormandPrince.StepListener listener() {
        return (m, tOld, tNew, yOld, fOld, yNew, fNew, offset) -> {
            if (counts[m] == 0) {
                append(m, tOld, yOld, fOld, offset);
            }
            append(m, tNew, yNew, fNew, offset);
        };
    }

    private void append(int m, double t, double[] y, double[] f, int offset) {
        int k = counts[m];
        if (k == times[m].length) {
            times[m] = Arrays.copyOf(times[m], 2 * k);
            states[m] = Arrays.copyOf(states[m], 2 * k * dim);
            slopes[m] = Arrays.copyOf(slopes[m], 2 * k * dim);
        }
        times[m][k] = t;
        System.arraycopy(y, offset, states[m], k * dim, dim);
        System.arraycopy(f, offset, slopes[m], k * dim, dim);
        counts[m] = k + 1;
    }

    /** Number of stored points of member m. */
    public int points(int m) {
        return counts[m];
    }

    /**
     * y_m(t) into {@code out[offset ..]} by the cubic Hermite interpolant of the step containing t
     * (clamped to the integrated range).
     */
    public void interpolate(int m, double t, double[] out, int offset) {
        int n = counts[m];
        double[] ts = times[m];
        if (n == 0) {
            throw new IllegalStateException("member " + m + " has no recorded steps");
        }
        if (n == 1) {
            System.arraycopy(states[m], 0, out, offset, dim);
            return;
        }
        boolean increasing = ts[n - 1] > ts[0];
        int k = locate(ts, n, t, increasing);
        double t0 = ts[k];
        double t1 = ts[k + 1];
        double h = t1 - t0;
        double th = Math.max(0, Math.min(1, (t - t0) / h));
        double th2 = th * th;
        double th3 = th2 * th;
        double h00 = 2 * th3 - 3 * th2 + 1;
        double h10 = th3 - 2 * th2 + th;
        double h01 = -2 * th3 + 3 * th2;
        double h11 = th3 - th2;
        double[] y = states[m];
        double[] f = slopes[m];
        int a = k * dim;
        int b = (k + 1) * dim;
        for (int i = 0; i < dim; i++) {
            out[offset + i] = h00 * y[a + i] + h10 * h * f[a + i] + h01 * y[b + i] + h11 * h * f[b + i];
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
