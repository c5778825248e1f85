package org.diffusionplayground.model.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The grid kernels of the Fokker–Planck reference against closed forms (MATH.md §6.3). */
class ConservativeGridTest {

    /** A Gaussian of width w centred at (cx, cy), as point values at the centres of the grid. */
    private static double[] gaussian(ConservativeGrid g, double cx, double cy, double w) {
        double[] q = new double[g.n * g.n];
        for (int j = 0; j < g.n; j++) {
            for (int i = 0; i < g.n; i++) {
                double x = g.centre(i) - cx;
                double y = g.centre(j) - cy;
                q[j * g.n + i] = Math.exp(-(x * x + y * y) / (2 * w * w)) / (2 * Math.PI * w * w);
            }
        }
        return q;
    }

    /** Moves a Gaussian by (0.3, −0.2) at constant velocity with SSP-RK3; returns the max error over the peak. */
    private static double translationError(int n) {
        ConservativeGrid g = new ConservativeGrid(n);
        double w = 0.12;
        double[] q = gaussian(g, -0.15, 0.1, w);
        double[] wx = new double[n * n];
        double[] wy = new double[n * n];
        java.util.Arrays.fill(wx, 0.3);
        java.util.Arrays.fill(wy, -0.2);
        int steps = n; // Δτ = 1/n, Δξ = 2/n: Courant (0.3 + 0.2)·Δτ/Δξ = 0.25 on every grid
        double dt = 1.0 / steps;
        double mass = g.mass(q);
        ConservativeGrid.Scratch s = new ConservativeGrid.Scratch(n);
        double[] a = new double[n * n];
        double[] b = new double[n * n];
        for (int k = 0; k < steps; k++) {
            g.advect(q, wx, wy, dt, a, s);
            g.advect(a, wx, wy, dt, b, s);
            g.combine(b, 0.25, q, 0.75);
            g.advect(b, wx, wy, dt, a, s);
            g.combine(q, 1.0 / 3, a, 2.0 / 3);
        }
        assertEquals(mass, g.mass(q), 1e-12 * mass, "conservative: the mass stays");
        double[] exact = gaussian(g, 0.15, -0.1, w);
        double err = 0;
        for (int c = 0; c < q.length; c++) {
            err = Math.max(err, Math.abs(q[c] - exact[c]));
        }
        return err / exact[peak(exact)];
    }

    private static int peak(double[] q) {
        int best = 0;
        for (int c = 1; c < q.length; c++) {
            if (q[c] > q[best]) {
                best = c;
            }
        }
        return best;
    }

    @Test
    void advectionTranslatesAGaussianWithFifthOrderFluxesAndKeepsTheMass() {
        // constant velocity: the exact solution is the translated Gaussian; halving Δξ and Δτ together cut the
        // error 27× (1.2e-3 → 4.3e-5 of the peak), where a second-order scheme gives 4× and a third-order 8×
        double coarse = translationError(64);
        double fine = translationError(128);
        assertTrue(coarse < 0.005, "error on 64² " + coarse);
        assertTrue(coarse / fine > 16, "error ratio " + coarse / fine + " (" + coarse + " → " + fine + ")");
    }

    @Test
    void theImplicitDriftKeepsTheDensityWhoseScoreItIsWhateverTheStep() {
        // Scharfetter–Gummel: q ∝ exp(V) with the drift a = ∇V sampled at the centres (face drift the mean) is
        // a fixed point when V is quadratic (a linear), for any Δτ; a different density moves, and both keep
        // their mass
        int n = 48;
        ConservativeGrid g = new ConservativeGrid(n);
        double[] ax = new double[n * n];
        double[] ay = new double[n * n];
        double[] q = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double x = g.centre(i) - 0.2;
                double y = g.centre(j) + 0.1;
                ax[j * n + i] = -x / 0.04;
                ay[j * n + i] = -y / 0.09;
                q[j * n + i] = Math.exp(-x * x / 0.08 - y * y / 0.18);
            }
        }
        ConservativeGrid.DriftWeights wts = g.driftWeights(ax, ay, ConservativeGrid.DriftWeights.of(n));
        ConservativeGrid.Scratch s = new ConservativeGrid.Scratch(n);
        double[] p = q.clone();
        double mass = g.mass(p);
        for (double r : new double[] {0.01, 1, 1e4}) {
            g.implicitDrift(p, 0, r, wts, s);
            g.implicitDrift(p, 1, r, wts, s);
        }
        for (int c = 0; c < q.length; c++) {
            assertEquals(q[c], p[c], 1e-9 * q[peak(q)], "cell " + c);
        }
        double[] other = gaussian(g, -0.3, 0.4, 0.2);
        double otherMass = g.mass(other);
        g.implicitDrift(other, 0, 1, wts, s);
        g.implicitDrift(other, 1, 1, wts, s);
        assertEquals(otherMass, g.mass(other), 1e-12 * otherMass);
        assertEquals(mass, g.mass(p), 1e-12 * mass);
        double moved = 0;
        for (int c = 0; c < q.length; c++) {
            assertTrue(other[c] >= 0, "positive");
            moved += Math.abs(other[c] - gaussian(g, -0.3, 0.4, 0.2)[c]);
        }
        assertTrue(moved > 1, "a density that is not the drift's equilibrium must move: " + moved);
    }

    @Test
    void refiningKeepsTheMassAndTheShapeToFourthOrder() {
        ConservativeGrid g = new ConservativeGrid(32);
        double w = 0.2;
        double[] q = gaussian(g, 0.05, -0.1, w);
        double[] fine = g.refined(q);
        ConservativeGrid f = new ConservativeGrid(64);
        assertEquals(g.mass(q), f.mass(fine), 1e-12);
        double[] exact = gaussian(f, 0.05, -0.1, w);
        double err = 0;
        for (int c = 0; c < fine.length; c++) {
            err = Math.max(err, Math.abs(fine[c] - exact[c]));
        }
        // cubic interpolation at 0.0625/0.2 ≈ 1/3 width per coarse cell: error ~ (d/w)⁴/… of the peak
        assertTrue(err < 0.01 * exact[peak(exact)], "refined max error " + err);
    }
}
