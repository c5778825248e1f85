package org.diffusionplayground.model.util;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * The sum of a vector's lanes, added in lane order (0, 1, 2, …). The Vector API leaves the order of
 * {@code reduceLanes(ADD)} to the implementation, and its two implementations differ: the Java code that
 * runs before C2 has compiled the caller adds in lane order, C2's instruction sequence adds in halves.
 * A network's output then changed in its last bits once C2 had compiled the kernel, in the middle of a
 * run, and results that amplify last bits (likelihoods at density cliffs) differed between two runs of one
 * build (docs/results.md, "Reproducible to the last digit"). A fixed order gives the same bits whichever
 * code runs.
 */
public final class LaneSums {

    private LaneSums() {
    }

    /** Σ lanes of {@code v} in lane order; {@code scratch} holds at least {@code v.length()} floats. */
    public static float inOrder(FloatVector v, float[] scratch) {
        v.intoArray(scratch, 0);
        float s = 0;
        for (int i = 0; i < v.length(); i++) {
            s += scratch[i];
        }
        return s;
    }

    /** Σ lanes of {@code v} in lane order; {@code scratch} holds at least {@code v.length()} doubles. */
    public static double inOrder(DoubleVector v, double[] scratch) {
        v.intoArray(scratch, 0);
        double s = 0;
        for (int i = 0; i < v.length(); i++) {
            s += scratch[i];
        }
        return s;
    }
}
