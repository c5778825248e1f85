package org.diffusionplayground.model.reference;

/**
 * The density q_t^𝔥 of the 𝔥-process at one time, as values at the centres of an n × n grid over {@code region}
 * (row-major, row j = y, column i = x, row 0 at minY), in probability per unit area of the data plane:
 * Σ value · cellArea = 1. Stored as float: it is for drawing (heatmaps) and for the probability-current
 * lens, not for the NLL, which the solver takes from the full-precision grid.
 */
public record DensityFrame(double t, double h, Region region, int n, float[] values) {

    public DensityFrame {
        if (values.length != n * n) {
            throw new IllegalArgumentException("a frame of " + n + "² cells needs " + n * n + " values");
        }
    }

    public double cellWidth() {
        return (region.maxX() - region.minX()) / n;
    }

    public double cellHeight() {
        return (region.maxY() - region.minY()) / n;
    }

    /** x of the centre of column i. */
    public double x(int i) {
        return region.minX() + (i + 0.5) * cellWidth();
    }

    /** y of the centre of row j. */
    public double y(int j) {
        return region.minY() + (j + 0.5) * cellHeight();
    }

    public double value(int i, int j) {
        return values[j * n + i];
    }

    public double max() {
        double m = 0;
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** Total probability on the grid (1 up to float rounding). */
    public double mass() {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s * cellWidth() * cellHeight();
    }

    /** Density at (x, y), bilinear between cell centres; 0 outside the region. */
    public double at(double x, double y) {
        if (!region.contains(x, y)) {
            return 0;
        }
        double u = (x - region.minX()) / cellWidth() - 0.5;
        double v = (y - region.minY()) / cellHeight() - 0.5;
        int i0 = Math.max(0, Math.min(n - 2, (int) Math.floor(u)));
        int j0 = Math.max(0, Math.min(n - 2, (int) Math.floor(v)));
        double fu = Math.max(0, Math.min(1, u - i0));
        double fv = Math.max(0, Math.min(1, v - j0));
        return (1 - fv) * ((1 - fu) * value(i0, j0) + fu * value(i0 + 1, j0))
                + fv * ((1 - fu) * value(i0, j0 + 1) + fu * value(i0 + 1, j0 + 1));
    }

    /**
     * Linear interpolation in time between two frames of the same grid size (the domain moves smoothly, so
     * cell (i, j) of both frames is the same point of the reference square).
     */
    static DensityFrame between(DensityFrame a, DensityFrame b, double t) {
        double w = (a.t - t) / (a.t - b.t);
        Region r = new Region(lerp(a.region.minX(), b.region.minX(), w), lerp(a.region.minY(), b.region.minY(), w),
                lerp(a.region.maxX(), b.region.maxX(), w), lerp(a.region.maxY(), b.region.maxY(), w));
        // densities are per unit area: interpolate the probability per cell, then divide by the new cell area
        double areaA = a.cellWidth() * a.cellHeight();
        double areaB = b.cellWidth() * b.cellHeight();
        double area = (r.maxX() - r.minX()) * (r.maxY() - r.minY()) / ((double) a.n * a.n);
        float[] v = new float[a.values.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) (lerp(a.values[k] * areaA, b.values[k] * areaB, w) / area);
        }
        return new DensityFrame(t, a.h, r, a.n, v);
    }

    private static double lerp(double a, double b, double w) {
        return a + w * (b - a);
    }
}
