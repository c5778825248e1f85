package org.diffusionplayground.model.metrics;

import java.util.Arrays;

/**
 * Minimum-cost perfect matching of an n × n cost matrix (the linear assignment problem), exact, by the
 * shortest-augmenting-path method of Jonker &amp; Volgenant (Computing 38, 1987): column reduction gives
 * feasible dual prices and a partial matching, then every free row is matched along a shortest path of
 * reduced costs (Dijkstra over columns), after which the prices of the scanned columns are raised so
 * every reduced cost stays ≥ 0 and matched pairs stay at 0. Optimality follows from complementary
 * slackness. O(n³) in the worst case; far less on point clouds (docs/benchmarks.md).
 */
public final class Assignment {

    private Assignment() {
    }

    /**
     * The optimal assignment for {@code cost} (row-major n × n, finite): element i is the column matched
     * to row i.
     */
    public static int[] solve(double[] cost, int n) {
        if (n < 0 || cost.length < (long) n * n) {
            throw new IllegalArgumentException("cost matrix too short for n = " + n);
        }
        for (int k = 0; k < n * n; k++) {
            if (!Double.isFinite(cost[k])) {
                throw new IllegalArgumentException("assignment costs must be finite; entry " + k + " is " + cost[k]);
            }
        }
        int[] rowOf = new int[n]; // column → matched row, or −1
        int[] colOf = new int[n]; // row → matched column, or −1
        Arrays.fill(rowOf, -1);
        Arrays.fill(colOf, -1);
        double[] price = new double[n];

        // column reduction: price_j = min_i c_ij; match that row if it is still free
        for (int j = n - 1; j >= 0; j--) {
            int best = 0;
            double min = cost[j];
            for (int i = 1; i < n; i++) {
                double c = cost[i * n + j];
                if (c < min) {
                    min = c;
                    best = i;
                }
            }
            price[j] = min;
            if (colOf[best] < 0) {
                colOf[best] = j;
                rowOf[j] = best;
            }
        }

        double[] dist = new double[n];
        int[] pred = new int[n];
        int[] order = new int[n]; // columns: [0, scanned) done, [scanned, n) still to do
        for (int free = 0; free < n; free++) {
            if (colOf[free] >= 0) {
                continue;
            }
            augment(cost, n, free, rowOf, colOf, price, dist, pred, order);
        }
        return colOf;
    }

    /** Matches free row {@code f} along a shortest augmenting path of reduced costs c_ij − price_j − u_i. */
    private static void augment(double[] cost, int n, int f, int[] rowOf, int[] colOf, double[] price, double[] dist,
            int[] pred, int[] order) {
        for (int j = 0; j < n; j++) {
            dist[j] = cost[f * n + j] - price[j];
            pred[j] = f;
            order[j] = j;
        }
        int scanned = 0;
        int end;
        double min;
        while (true) {
            // the nearest column not yet scanned
            int pick = scanned;
            min = dist[order[pick]];
            for (int k = scanned + 1; k < n; k++) {
                if (dist[order[k]] < min) {
                    min = dist[order[k]];
                    pick = k;
                }
            }
            int j = order[pick];
            order[pick] = order[scanned];
            order[scanned] = j;
            scanned++;
            if (rowOf[j] < 0) {
                end = j;
                break;
            }
            // relax through the row matched to j: its dual is u_i = c_ij − price_j
            int i = rowOf[j];
            double base = min - (cost[i * n + j] - price[j]);
            int ri = i * n;
            for (int k = scanned; k < n; k++) {
                int c = order[k];
                double d = base + cost[ri + c] - price[c];
                if (d < dist[c]) {
                    dist[c] = d;
                    pred[c] = i;
                }
            }
        }
        // raise the prices of the scanned columns (all but the end) so reduced costs stay ≥ 0
        for (int k = 0; k < scanned - 1; k++) {
            int c = order[k];
            price[c] += dist[c] - min;
        }
        // flip the path
        int j = end;
        while (true) {
            int i = pred[j];
            rowOf[j] = i;
            int previous = colOf[i];
            colOf[i] = j;
            if (i == f) {
                break;
            }
            j = previous;
        }
    }

    /** Total cost Σ_i c_{i, assignment[i]}. */
    public static double cost(double[] cost, int n, int[] assignment) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += cost[i * n + assignment[i]];
        }
        return s;
    }
}
