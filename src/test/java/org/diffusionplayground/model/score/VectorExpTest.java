package org.diffusionplayground.model.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

class VectorExpTest {

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    private static double[] exp(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i += D.length()) {
            VectorExp.exp(DoubleVector.fromArray(D, x, i)).intoArray(out, i);
        }
        return out;
    }

    @Test
    void agreesWithMathExpToTwoUlpsOverTheWholeNormalRange() {
        SplittableRandom rng = new SplittableRandom(11);
        int n = D.length() * 50_000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            // half where the activations live (|z| ≲ 40), half over the whole clamp range
            x[i] = i % 2 == 0 ? rng.nextDouble(-40, 40) : rng.nextDouble(-708, 709);
        }
        double[] e = exp(x);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double exact = Math.exp(x[i]);
            double ulps = Math.abs(e[i] - exact) / Math.ulp(exact);
            worst = Math.max(worst, ulps);
        }
        assertTrue(worst <= 2, "largest error " + worst + " ulp");
    }

    @Test
    void theFloatVersionAgreesWithMathExpToTwoFloatUlpsOverItsRange() {
        VectorSpecies<Float> f = FloatVector.SPECIES_PREFERRED;
        SplittableRandom rng = new SplittableRandom(12);
        int n = f.length() * 50_000;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (i % 2 == 0 ? rng.nextDouble(-20, 20) : rng.nextDouble(-87, 88));
        }
        x[0] = 0;
        float[] e = new float[n];
        for (int i = 0; i < n; i += f.length()) {
            VectorExp.exp(FloatVector.fromArray(f, x, i)).intoArray(e, i);
        }
        double worst = 0;
        for (int i = 0; i < n; i++) {
            float exact = (float) Math.exp(x[i]);
            worst = Math.max(worst, Math.abs(e[i] - exact) / Math.ulp(exact));
        }
        assertTrue(worst <= 2, "largest error " + worst + " float ulp");
        assertEquals(1f, e[0], 0f, "e^0 is exactly 1");
    }

    @Test
    void exactPointsAndTheClamp() {
        int n = D.length() * 2;
        double[] x = new double[n];
        double[] probe = {0, 1, -1, Math.log(2), 709, -708, 800, -800};
        for (int i = 0; i < n; i++) {
            x[i] = probe[i % probe.length];
        }
        double[] e = exp(x);
        for (int i = 0; i < n; i++) {
            double expected = Math.exp(Math.max(-708, Math.min(709, x[i])));
            assertEquals(expected, e[i], 2 * Math.ulp(expected), "x = " + x[i]);
        }
        assertEquals(1.0, e[0], 0.0, "e^0 is exactly 1");
        // the sigmoid the jets form from it is exact at the clamp: 1/(1 + e^{800 → 709}) underflows to ~0
        assertTrue(1 / (1 + exp(new double[] {800, 800, 800, 800, 800, 800, 800, 800})[0]) < 1e-300);
    }
}
