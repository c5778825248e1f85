package org.diffusionplayground.model.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Collects points a user draws with the mouse (the drawing UI calls this). A stroke adds a small
 * seeded spray around the pointer, so a few mouse moves give a training set with some thickness.
 * Each stroke (press, drag, release) is a class: a drawing of two or more strokes is labelled by stroke,
 * so a conditional model can be asked for one stroke's shape.
 */
public final class DrawnPoints {

    private double[] xy = new double[64];
    private int[] stroke = new int[32];
    private int strokes = 1;
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
        if (n == stroke.length) {
            stroke = Arrays.copyOf(stroke, 2 * n);
        }
        xy[2 * n] = x;
        xy[2 * n + 1] = y;
        stroke[n] = strokes - 1;
        n++;
    }

    /** The points added from now on belong to a new stroke (an empty stroke leaves no class behind). */
    public void newStroke() {
        if (n > 0 && stroke[n - 1] == strokes - 1) {
            strokes++;
        }
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
        strokes = 1;
    }

    /** The drawing as a data set; at least two points are needed. */
    public DataSet toDataSet() {
        if (n < 2) {
            throw new InvalidDataException("draw at least two points before training (have " + n + ")");
        }
        PointSet points = PointSet.of(Arrays.copyOf(xy, 2 * n));
        int classes = stroke[n - 1] + 1;
        if (classes > 1) {
            // strokes past the class limit join the last class rather than being refused: nothing drawn is lost
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = Math.min(stroke[i], PointSet.MAX_CLASSES - 1);
            }
            points = points.withLabels(labels, Math.min(classes, PointSet.MAX_CLASSES));
        }
        return DataSet.of(new DataSource.Drawn(points));
    }
}
