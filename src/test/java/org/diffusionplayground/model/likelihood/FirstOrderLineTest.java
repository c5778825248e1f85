package org.diffusionplayground.model.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.diffusionplayground.model.data.PointSet;
import org.junit.jupiter.api.Test;

class FirstOrderLineTest {

    private static LikelihoodResult result(double[] logQ, double[] c, PointFailure[] failure) {
        return new LikelihoodResult(PointSet.of(new double[2 * logQ.length]), logQ, c, null, null, null, failure, 0, 0);
    }

    @Test
    void lineAndErrorAreTheMeanAndStandardErrorOfThePerPointValuesAtEveryH() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 400;
        double[] logQ = new double[n];
        double[] c = new double[n];
        PointFailure[] failure = new PointFailure[n];
        for (int i = 0; i < n; i++) {
            logQ[i] = -1.4 + 0.8 * rng.nextGaussian();
            c[i] = 0.3 + 0.5 * logQ[i] + rng.nextGaussian(); // correlated with log q, as in real models
        }
        failure[7] = new PointFailure(PointFailure.Pass.PF_ODE, "step budget exhausted"); // left out of every mean
        FirstOrderLine line = FirstOrderLine.of(result(logQ, c, failure));
        assertEquals(n - 1, line.count());
        for (double h : new double[] {0, 0.5, 1, 3}) {
            // the same numbers straight from the per-point NLL(𝔥) = −log q − 𝔥 C
            double sum = 0;
            double sum2 = 0;
            for (int i = 0; i < n; i++) {
                if (i != 7) {
                    double v = -logQ[i] - h * c[i];
                    sum += v;
                    sum2 += v * v;
                }
            }
            int m = n - 1;
            double mean = sum / m;
            double se = Math.sqrt((sum2 - m * mean * mean) / (m - 1) / m);
            assertEquals(mean, line.nll(h), 1e-12);
            assertEquals(se, line.standardError(h), 1e-12);
            // the slope's own error: that of the mean of −𝔥 C_i, without the scatter of log q
            double sc = 0;
            double sc2 = 0;
            for (int i = 0; i < n; i++) {
                if (i != 7) {
                    sc += h * c[i];
                    sc2 += h * c[i] * h * c[i];
                }
            }
            double meanSlope = sc / m;
            double seSlope = Math.sqrt(Math.max(0, (sc2 - m * meanSlope * meanSlope) / (m - 1) / m));
            assertEquals(seSlope, line.slopeStandardError(h), 1e-12);
        }
        assertEquals(0.0, line.slopeStandardError(0));
        assertEquals(line.nll(0) - 2 * line.meanC(), line.nll(2), 1e-12);
    }

    @Test
    void withoutTheCorrectionThereIsNoLine() {
        assertThrows(IllegalArgumentException.class,
                () -> FirstOrderLine.of(result(new double[] {1}, null, new PointFailure[1])));
        assertThrows(IllegalArgumentException.class,
                () -> FirstOrderLine.of(result(new double[] {1}, new double[] {1}, new PointFailure[] {new PointFailure(PointFailure.Pass.PF_ODE, "failed")})));
    }
}
