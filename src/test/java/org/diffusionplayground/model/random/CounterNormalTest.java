package org.diffusionplayground.model.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * Counter-based normals: the draw is a function of (seed, stream, index) alone, and the draws are
 * standard normal and independent. The statistical checks use one fixed seed, so they are
 * deterministic; their bounds are five standard errors (a Kolmogorov–Smirnov bound at the 0.1 % level).
 */
class CounterNormalTest {

    private static final int N = 100_000;

    @Test
    void aDrawDependsOnlyOnSeedStreamAndIndex() {
        double[] forward = new double[2 * N];
        new CounterNormal(42).fill(3, forward, N);
        double[] one = new double[2];
        CounterNormal other = new CounterNormal(42);
        for (int i = N - 1; i >= 0; i -= 997) { // another instance, another order
            other.pair(3, i, one, 0);
            assertEquals(forward[2 * i], one[0]);
            assertEquals(forward[2 * i + 1], one[1]);
        }
        double[] again = new double[2 * N];
        new CounterNormal(42).fill(3, again, N);
        assertArrayEquals(forward, again);
        double[] otherStream = new double[2 * N];
        new CounterNormal(42).fill(4, otherStream, N);
        double[] otherSeed = new double[2 * N];
        new CounterNormal(43).fill(3, otherSeed, N);
        assertNotEquals(forward[0], otherStream[0]);
        assertNotEquals(forward[0], otherSeed[0]);
    }

    @Test
    void drawsAreStandardNormalAndTheTwoOfAPairIndependent() {
        double[] xy = new double[2 * N];
        new CounterNormal(7).fill(0, xy, N);
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < N; i++) {
            double x = xy[2 * i];
            double y = xy[2 * i + 1];
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
        }
        double se = 5 / Math.sqrt(N);
        assertEquals(0, sx / N, se, "mean of x");
        assertEquals(0, sy / N, se, "mean of y");
        assertEquals(1, sxx / N, se * Math.sqrt(2), "variance of x");
        assertEquals(1, syy / N, se * Math.sqrt(2), "variance of y");
        assertEquals(0, sxy / N, se, "E[xy] of a pair");
        double[] all = xy.clone();
        Arrays.sort(all);
        double d = 0;
        for (int i = 0; i < all.length; i++) {
            double cdf = 0.5 * Erf.erfc(-all[i] / Math.sqrt(2));
            d = Math.max(d, Math.max(Math.abs(cdf - (double) i / all.length), Math.abs(cdf - (i + 1.0) / all.length)));
        }
        assertTrue(d < 1.95 / Math.sqrt(all.length), "Kolmogorov–Smirnov distance " + d);
    }

    @Test
    void uniformsLieInTheOpenUnitInterval() {
        CounterNormal g = new CounterNormal(1);
        double sum = 0;
        for (int i = 0; i < N; i++) {
            double u = g.uniform(0, i);
            assertTrue(u > 0 && u < 1, "u = " + u);
            sum += u;
        }
        assertEquals(0.5, sum / N, 5 * Math.sqrt(1.0 / 12 / N));
    }
}
