package org.diffusionplayground.model.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Collects points a user draws with the mouse (the drawing UI calls this). A stroke adds a small
 * seeded spray around the pointer, so a few mouse moves give a training set with some thickness.
 */
public final class DrawnPoints {

    private double[] xy = new double[64];
    private int n;
    private final SplittableRandom rng;

    public DrawnPoints(long seed) {
        this.rng = new SplittableRandom(seed);
    }

    public void add(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new InvalidDataException("drawn point must be finite, got (" + x + ", " + y + ")");
        }
        if (n == DataLimits.MAX_POINTS) {
            throw new InvalidDataException("a drawing can hold at most " + DataLimits.MAX_POINTS + " points");
        }
        if (2 * n + 2 > xy.length) {
            xy = Arrays.copyOf(xy, 2 * xy.length);
        }
        xy[2 * n] = x;
        xy[2 * n + 1] = y;
        n++;
    }

    /** Adds {@code count} points scattered as N((x, y), radius² I) around the pointer. */
    public void spray(double x, double y, double radius, int count) {
        for (int i = 0; i < count; i++) {
            add(x + radius * rng.nextGaussian(), y + radius * rng.nextGaussian());
        }
    }

    public int size() {
        return n;
    }

    public void clear() {
        n = 0;
    }

    /** The drawing as a data set; at least two points are needed. */
    public DataSet toDataSet() {
        if (n < 2) {
            throw new InvalidDataException("draw at least two points before training (have " + n + ")");
        }
        return DataSet.of(new DataSource.Drawn(PointSet.of(Arrays.copyOf(xy, 2 * n))));
    }
}
