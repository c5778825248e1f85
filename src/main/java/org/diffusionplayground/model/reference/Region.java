package org.diffusionplayground.model.reference;

import org.diffusionplayground.model.data.PointSet;

/**
 * An axis-aligned rectangle of the data plane, [minX, maxX] × [minY, maxY]: the box the data lives in
 * at t_min, from which the Fokker–Planck grid builds its moving domain.
 */
public record Region(double minX, double minY, double maxX, double maxY) {

    public Region {
        if (!Double.isFinite(minX) || !Double.isFinite(minY) || !Double.isFinite(maxX) || !Double.isFinite(maxY)) {
            throw new IllegalArgumentException("a region needs finite corners");
        }
        if (!(maxX > minX) || !(maxY > minY)) {
            throw new IllegalArgumentException(
                    "a region needs max > min on both axes, got [" + minX + ", " + maxX + "] × [" + minY + ", " + maxY + "]");
        }
    }

    /**
     * The bounding box of {@code points} widened by {@code margin} of its size on every side (and by at least
     * 1e-3, so a single point or a line still gets an area).
     */
    public static Region around(PointSet points, double margin) {
        if (points.size() == 0) {
            throw new IllegalArgumentException("no points to take a region from");
        }
        if (!(margin >= 0) || !Double.isFinite(margin)) {
            throw new IllegalArgumentException("the margin must be a finite number ≥ 0, got " + margin);
        }
        double[] b = points.bounds();
        double mx = Math.max(1e-3, margin * (b[2] - b[0]));
        double my = Math.max(1e-3, margin * (b[3] - b[1]));
        return new Region(b[0] - mx, b[1] - my, b[2] + mx, b[3] + my);
    }

    public double centreX() {
        return 0.5 * (minX + maxX);
    }

    public double centreY() {
        return 0.5 * (minY + maxY);
    }

    public double halfWidth() {
        return 0.5 * (maxX - minX);
    }

    public double halfHeight() {
        return 0.5 * (maxY - minY);
    }

    public boolean contains(double x, double y) {
        return x >= minX && x <= maxX && y >= minY && y <= maxY;
    }
}
