package org.diffusionplayground.model.metrics;

import java.util.Arrays;
import org.diffusionplayground.model.data.PointSet;

/**
 * 2-Wasserstein distances between two point clouds read as empirical measures (MATH.md §6.4), in the
 * data's units (not squared: the paper's code reports POT's {@code emd2} with squared Euclidean costs,
 * which is W2²).
 * <ul>
 *   <li>{@link #exact}: W2 = (min over matchings of (1/n) Σ |a_i − b_σ(i)|²)^½ for two clouds of the same
 *   size, by exact optimal assignment ({@link Assignment}); at most {@link #MAX_EXACT} points.</li>
 *   <li>{@link #sliced}: SW2 = (mean over directions θ of W2²(θ·a, θ·b))^½ with evenly spaced directions
 *   in [0, π); each 1-D W2 is exact from the sorted projections (quantile functions), any sizes. Note
 *   SW2 ≤ W2, and for a translation by v, SW2 = |v|/√2 while W2 = |v|.</li>
 * </ul>
 */
public final class Wasserstein {

    /** Largest cloud for the exact distance: an n² cost matrix of doubles (32 MB at 2 000). */
    public static final int MAX_EXACT = 2_000;

    private Wasserstein() {
    }

    /** Exact W2 between two equally large clouds. */
    public static double exact(PointSet a, PointSet b) {
        int n = a.size();
        if (n == 0 || b.size() == 0) {
            throw new IllegalArgumentException("W2 needs two non-empty point sets, got " + a.size() + " and " + b.size());
        }
        if (b.size() != n) {
            throw new IllegalArgumentException("exact W2 by assignment needs equally many points on both sides, got "
                    + n + " and " + b.size() + " (subsample the larger set, or use the sliced distance)");
        }
        if (n > MAX_EXACT) {
            throw new IllegalArgumentException("exact W2 is limited to " + MAX_EXACT + " points per set, got " + n
                    + " (subsample, or use the sliced distance)");
        }
        double[] cost = new double[n * n];
        for (int i = 0; i < n; i++) {
            double x = a.x(i);
            double y = a.y(i);
            for (int j = 0; j < n; j++) {
                double dx = x - b.x(j);
                double dy = y - b.y(j);
                cost[i * n + j] = dx * dx + dy * dy;
            }
        }
        int[] match = Assignment.solve(cost, n);
        return Math.sqrt(Assignment.cost(cost, n, match) / n);
    }

    /** Sliced W2 over {@code directions} evenly spaced directions (128 is plenty in 2-D). */
    public static double sliced(PointSet a, PointSet b, int directions) {
        if (a.size() == 0 || b.size() == 0) {
            throw new IllegalArgumentException("sliced W2 needs two non-empty point sets, got " + a.size() + " and "
                    + b.size());
        }
        if (directions < 1 || directions > 100_000) {
            throw new IllegalArgumentException("the number of directions must be between 1 and 100 000, got "
                    + directions);
        }
        double[] pa = new double[a.size()];
        double[] pb = new double[b.size()];
        double sum = 0;
        for (int k = 0; k < directions; k++) {
            double angle = Math.PI * k / directions;
            double c = Math.cos(angle);
            double s = Math.sin(angle);
            for (int i = 0; i < pa.length; i++) {
                pa[i] = c * a.x(i) + s * a.y(i);
            }
            for (int i = 0; i < pb.length; i++) {
                pb[i] = c * b.x(i) + s * b.y(i);
            }
            sum += squared1d(pa, pb);
        }
        return Math.sqrt(sum / directions);
    }

    /**
     * W2² between two 1-D empirical measures: ∫₀¹ (F⁻¹(u) − G⁻¹(u))² du with the step quantile functions,
     * walking the merged breakpoints k/m and l/n. Sorts its arguments in place.
     */
    static double squared1d(double[] u, double[] v) {
        Arrays.sort(u);
        Arrays.sort(v);
        int m = u.length;
        int n = v.length;
        double sum = 0;
        int i = 0;
        int j = 0;
        double level = 0;
        while (i < m && j < n) {
            double nextU = (double) (i + 1) / m;
            double nextV = (double) (j + 1) / n;
            double next = Math.min(nextU, nextV);
            double d = u[i] - v[j];
            sum += (next - level) * d * d;
            level = next;
            if (nextU <= next) {
                i++;
            }
            if (nextV <= next) {
                j++;
            }
        }
        return sum;
    }
}
