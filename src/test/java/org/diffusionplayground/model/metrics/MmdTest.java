package org.diffusionplayground.model.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.diffusionplayground.model.data.PointSet;
import org.junit.jupiter.api.Test;

class MmdTest {

    @Test
    void fourPointsByHand() {
        // a = {(0,0), (1,0)}, b = {(0,1), (1,1)}, ℓ = 1: within-set terms e^{−1/2} each, cross mean
        // (2e^{−1/2} + 2e^{−1})/4, so MMD²_u = 2e^{−1/2} − (e^{−1/2} + e^{−1}) = e^{−1/2} − e^{−1}.
        PointSet a = PointSet.of(new double[] {0, 0, 1, 0});
        PointSet b = PointSet.of(new double[] {0, 1, 1, 1});
        assertEquals(Math.exp(-0.5) - Math.exp(-1), Mmd.unbiasedSquared(a, b, 1.0), 1e-15);
    }

    @Test
    void twoShiftedGaussiansMatchTheClosedForm() {
        // P = N(0, s²I), Q = N(μ, s²I) in 2-D, kernel width ℓ: E k(x,x') = ℓ²/(ℓ² + 2s²) and
        // E k(x,y) = ℓ²/(ℓ² + 2s²) exp(−|μ|²/(2(ℓ² + 2s²))), so MMD² = 2 ℓ²/(ℓ²+2s²) (1 − exp(−|μ|²/(2(ℓ²+2s²)))).
        double s = 0.5;
        double l = 0.8;
        double mu = 0.6;
        int n = 1500;
        SplittableRandom r = new SplittableRandom(11);
        double[] a = new double[2 * n];
        double[] b = new double[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            a[i] = s * r.nextGaussian();
            b[i] = s * r.nextGaussian() + (i % 2 == 0 ? mu : 0);
        }
        double c = l * l + 2 * s * s;
        double exact = 2 * l * l / c * (1 - Math.exp(-mu * mu / (2 * c)));
        // the estimator's standard deviation at n = 1500 is about 0.004 here
        assertEquals(exact, Mmd.unbiasedSquared(PointSet.of(a), PointSet.of(b), l), 0.015);
    }

    @Test
    void badInput() {
        PointSet one = PointSet.of(new double[] {0, 0});
        PointSet two = PointSet.of(new double[] {0, 0, 1, 1});
        assertThrows(IllegalArgumentException.class, () -> Mmd.unbiasedSquared(one, two, 1));
        assertThrows(IllegalArgumentException.class, () -> Mmd.unbiasedSquared(two, two, 0));
        assertThrows(IllegalArgumentException.class, () -> Mmd.unbiasedSquared(two, two, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Mmd.medianBandwidth(one, PointSet.of(new double[] {0, 0})));
    }
}
