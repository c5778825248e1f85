package org.diffusionplayground.model.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.data.ToyData;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

class WassersteinTest {

    private static PointSet random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] xy = new double[2 * n];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = r.nextGaussian();
        }
        return PointSet.of(xy);
    }

    private static PointSet shifted(PointSet p, double dx, double dy) {
        double[] xy = p.toArray();
        for (int i = 0; i < p.size(); i++) {
            xy[2 * i] += dx;
            xy[2 * i + 1] += dy;
        }
        return PointSet.of(xy);
    }

    @Test
    void assignmentMatchesBruteForceOnEveryTinyProblem() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + r.nextInt(7);
            double[] cost = new double[n * n];
            for (int k = 0; k < cost.length; k++) {
                // integer costs make ties (degenerate problems) common
                cost[k] = trial % 2 == 0 ? r.nextInt(5) : r.nextDouble();
            }
            int[] match = Assignment.solve(cost, n);
            boolean[] used = new boolean[n];
            for (int i = 0; i < n; i++) {
                assertTrue(!used[match[i]], "a column matched twice");
                used[match[i]] = true;
            }
            assertEquals(bruteForce(cost, n), Assignment.cost(cost, n, match), 1e-12, "trial " + trial);
        }
    }

    private static double bruteForce(double[] cost, int n) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        double best = Double.POSITIVE_INFINITY;
        do {
            best = Math.min(best, Assignment.cost(cost, n, perm));
        } while (nextPermutation(perm));
        return best;
    }

    private static boolean nextPermutation(int[] p) {
        int i = p.length - 2;
        while (i >= 0 && p[i] >= p[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = p.length - 1;
        while (p[j] <= p[i]) {
            j--;
        }
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
        for (int a = i + 1, b = p.length - 1; a < b; a++, b--) {
            t = p[a];
            p[a] = p[b];
            p[b] = t;
        }
        return true;
    }

    @Test
    void translatedCopyIsAsFarAsTheTranslation() {
        // For any coupling E|x − y − v|² ≥ |v|² when both clouds have the same mean shift: W2(μ, μ + v) = |v|.
        PointSet a = ToyData.SWISS_ROLL.generate(500, 1);
        PointSet b = shifted(a, 0.3, -0.4);
        assertEquals(0.5, Wasserstein.exact(a, b), 1e-12);
        // sliced: mean over evenly spaced θ of (v·θ)² = |v|²/2
        assertEquals(0.5 / Math.sqrt(2), Wasserstein.sliced(a, b, 64), 1e-12);
    }

    @Test
    void aPermutationOfTheSameCloudIsAtDistanceZero() {
        PointSet a = random(400, 5);
        double[] xy = a.toArray();
        double[] reversed = new double[xy.length];
        for (int i = 0; i < a.size(); i++) {
            reversed[2 * i] = xy[2 * (a.size() - 1 - i)];
            reversed[2 * i + 1] = xy[2 * (a.size() - 1 - i) + 1];
        }
        assertEquals(0.0, Wasserstein.exact(a, PointSet.of(reversed)), 1e-12);
        assertEquals(0.0, Wasserstein.sliced(a, PointSet.of(reversed), 32), 1e-12);
    }

    @Test
    void pointsOnALineMatchInSortedOrderAndApproachTheGaussianClosedForm() {
        // Quantiles z_k = Φ⁻¹((k + ½)/n) of N(0,1) against m + s z_k on the x-axis: in 1-D the sorted matching
        // is optimal, so W2² = m² + (s − 1)² mean(z²) exactly, → m² + (s − 1)² (the Gaussian closed form).
        int n = 1500;
        double m = 0.7;
        double s = 1.8;
        double[] a = new double[2 * n];
        double[] b = new double[2 * n];
        double meanZ2 = 0;
        for (int k = 0; k < n; k++) {
            double z = Math.sqrt(2) * Erf.erfInv(2 * (k + 0.5) / n - 1);
            meanZ2 += z * z / n;
            a[2 * k] = z;
            b[2 * (n - 1 - k)] = m + s * z; // stored in reverse: the solver must find the order itself
        }
        double w2 = Wasserstein.exact(PointSet.of(a), PointSet.of(b));
        assertEquals(Math.sqrt(m * m + (s - 1) * (s - 1) * meanZ2), w2, 1e-10);
        assertEquals(Math.sqrt(m * m + (s - 1) * (s - 1)), w2, 5e-3);
    }

    @Test
    void slicedDistanceOfUnequalSizesUsesQuantileFunctions() {
        // {0, 1} against {0, 0.5, 1} on a line (direction x only contributes along θ = 0 with weight 1):
        // quantile steps on [0,1/3), [1/3,1/2), [1/2,2/3), [2/3,1]: differences 0, 0.5, 0.5, 0 → W2² = 1/4 · 1/6 · 2
        double[] u = {0, 1};
        double[] v = {0, 0.5, 1};
        assertEquals(0.25 * (1.0 / 6) * 2, Wasserstein.squared1d(u, v), 1e-15);
    }

    @Test
    void slicedIsNeverAboveExact() {
        PointSet a = random(300, 8);
        PointSet b = ToyData.GAUSSIANS_8.generate(300, 2);
        assertTrue(Wasserstein.sliced(a, b, 128) <= Wasserstein.exact(a, b) + 1e-12);
    }

    @Test
    void badInputIsRejectedWithAMessage() {
        PointSet empty = PointSet.of(new double[0]);
        PointSet one = random(10, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Wasserstein.exact(empty, one)).getMessage()
                .contains("non-empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Wasserstein.exact(one, random(11, 2)))
                .getMessage().contains("equally many"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Wasserstein.exact(random(2001, 1), random(2001, 2))).getMessage().contains("2000"));
        assertThrows(IllegalArgumentException.class, () -> Wasserstein.sliced(one, empty, 8));
        assertThrows(IllegalArgumentException.class, () -> Wasserstein.sliced(one, one, 0));
        assertThrows(IllegalArgumentException.class, () -> Assignment.solve(new double[] {0, Double.NaN, 1, 2}, 2));
    }
}
