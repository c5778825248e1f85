package org.diffusionplayground.model.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Richardson extrapolation of the paper's central differences (docs/results.md, "The backward pass of C"):
 * it removes the Δx² term exactly and leaves the Δx⁴ one.
 */
class FiniteDifferenceWkbTest {

    @Test
    void richardsonRemovesTheSecondOrderTerm() {
        double c = 1723.65;
        double a = -3.05e6;
        double b = 7e9;
        java.util.function.DoubleUnaryOperator fd = dx -> c + a * dx * dx + b * dx * dx * dx * dx;
        double h1 = 0.0005;
        double h2 = 0.001;
        double r = FiniteDifferenceWkb.richardson(h1, fd.applyAsDouble(h1), h2, fd.applyAsDouble(h2));
        // C + b·Δx⁴ term: −b·h1²·h2² exactly
        assertEquals(c - b * h1 * h1 * h2 * h2, r, 1e-9);
        // without the quartic term the extrapolation is exact, and the order of the arguments does not matter
        double r2 = FiniteDifferenceWkb.richardson(0.02, c + a * 4e-4, 0.04, c + a * 16e-4);
        assertEquals(c, r2, 1e-9);
        assertEquals(r2, FiniteDifferenceWkb.richardson(0.04, c + a * 16e-4, 0.02, c + a * 4e-4), 1e-12);
    }
}
