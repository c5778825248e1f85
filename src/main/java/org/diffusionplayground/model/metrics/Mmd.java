package org.diffusionplayground.model.metrics;

import java.util.Arrays;
import org.diffusionplayground.model.data.PointSet;

/**
 * Maximum mean discrepancy with the Gaussian kernel k(x, y) = exp(−|x − y|² / (2ℓ²)) (Gretton et al., JMLR
 * 2012), the unbiased estimator
 * <pre>
 *   MMD²_u = 1/(m(m−1)) Σ_{i≠j} k(a_i, a_j) + 1/(n(n−1)) Σ_{i≠j} k(b_i, b_j) − 2/(mn) Σ_{i,j} k(a_i, b_j),
 * </pre>
 * which can be slightly negative when the two samples come from the same law. The bandwidth ℓ is always
 * given explicitly (in data units) and should be reported with the value; {@link #medianBandwidth} gives
 * the usual median heuristic.
 */
public final class Mmd {

    private Mmd() {
    }

    public static double unbiasedSquared(PointSet a, PointSet b, double bandwidth) {
        if (a.size() < 2 || b.size() < 2) {
            throw new IllegalArgumentException("the unbiased MMD needs at least two points per set, got " + a.size()
                    + " and " + b.size());
        }
        if (!(bandwidth > 0) || !Double.isFinite(bandwidth)) {
            throw new IllegalArgumentException("the kernel bandwidth must be a positive number, got " + bandwidth);
        }
        double gamma = 1 / (2 * bandwidth * bandwidth);
        int m = a.size();
        int n = b.size();
        double aa = 2 * offDiagonal(a, gamma) / ((double) m * (m - 1));
        double bb = 2 * offDiagonal(b, gamma) / ((double) n * (n - 1));
        double ab = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                ab += kernel(a.x(i) - b.x(j), a.y(i) - b.y(j), gamma);
            }
        }
        return aa + bb - 2 * ab / ((double) m * n);
    }

    /** Σ_{i<j} k(p_i, p_j). */
    private static double offDiagonal(PointSet p, double gamma) {
        double s = 0;
        for (int i = 0; i < p.size(); i++) {
            for (int j = i + 1; j < p.size(); j++) {
                s += kernel(p.x(i) - p.x(j), p.y(i) - p.y(j), gamma);
            }
        }
        return s;
    }

    private static double kernel(double dx, double dy, double gamma) {
        return Math.exp(-gamma * (dx * dx + dy * dy));
    }

    /** The median of the pairwise distances of the pooled sample (at most 1 000 points of each). */
    public static double medianBandwidth(PointSet a, PointSet b) {
        int ma = Math.min(a.size(), 1000);
        int mb = Math.min(b.size(), 1000);
        double[] xs = new double[ma + mb];
        double[] ys = new double[ma + mb];
        for (int i = 0; i < ma; i++) {
            xs[i] = a.x(i);
            ys[i] = a.y(i);
        }
        for (int i = 0; i < mb; i++) {
            xs[ma + i] = b.x(i);
            ys[ma + i] = b.y(i);
        }
        int total = ma + mb;
        if (total < 2) {
            throw new IllegalArgumentException("the median heuristic needs at least two points");
        }
        double[] d = new double[total * (total - 1) / 2];
        int k = 0;
        for (int i = 0; i < total; i++) {
            for (int j = i + 1; j < total; j++) {
                d[k++] = Math.hypot(xs[i] - xs[j], ys[i] - ys[j]);
            }
        }
        Arrays.sort(d);
        double median = d[d.length / 2];
        if (!(median > 0)) {
            throw new IllegalArgumentException("all points coincide: the median distance is 0");
        }
        return median;
    }
}
