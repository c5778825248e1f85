package org.diffusionplayground.model.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.diffusionplayground.model.data.PointSet;
import org.junit.jupiter.api.Test;

class LikelihoodResultTest {

    @Test
    void theSpreadOfCDropsOnePercentAtEachEndAndIgnoresFailedPoints() {
        // 200 points: C = 1 … 198 plus one exploding point (1e46) and one failed point (whose C is ignored)
        int n = 200;
        double[] c = new double[n];
        PointFailure[] failure = new PointFailure[n];
        for (int i = 0; i < 198; i++) {
            c[i] = i + 1;
        }
        c[198] = 1e46;
        c[199] = -5e9;
        failure[199] = new PointFailure(PointFailure.Pass.PF_ODE, "too many steps");
        LikelihoodResult r = new LikelihoodResult(PointSet.of(new double[2 * n]), new double[n], c, c, null, null,
                failure, 0, 0);
        LikelihoodResult.CorrectionSpread s = r.correctionSpread();
        // 199 points succeed, floor(1.99) = 1 dropped at each end: C = 2 … 198 remain, mean 100
        assertEquals(100.0, s.trimmedMean(), 1e-12);
        assertEquals(100.0, s.median(), 1e-12); // the 100th of 1 … 198, 1e46
        assertEquals(1e46, s.maxAbs());
        assertEquals(98 + 1, s.beyond100()); // 101 … 198 and the exploding point
        assertEquals(1e46 / 199, r.summary().meanCorrection(), 1e32, "the plain mean is the exploding point's");
        assertNull(new LikelihoodResult(PointSet.of(new double[2]), new double[1], null, null, null, null,
                new PointFailure[1], 0, 0).correctionSpread());
    }
}
