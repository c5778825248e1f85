package org.diffusionplayground.model.data;

import java.util.Arrays;

/**
 * An immutable cloud of 2-D points stored interleaved, {@code [x0, y0, x1, y1, ...]}: the layout
 * every numerical routine of the app uses (one flat array, no per-point objects).
 *
 * <p>A point set may carry a class label per point, 0 ≤ label &lt; {@link #classes()}: the mode of a
 * Gaussian mixture, the moon, the ring, a CSV's third column, the stroke of a drawing. Unlabelled sets
 * ({@code classes() == 0}) are what every routine that does not ask for labels sees, labelled or not.
 */
public final class PointSet {

    /** Most classes a labelled set may have: enough for the 25 gaussians, few enough for a chooser. */
    public static final int MAX_CLASSES = 64;

    private final double[] xy;
    /** One label per point, or null when unlabelled. */
    private final int[] labels;
    private final int classes;

    private PointSet(double[] xy) {
        this(xy, null, 0);
    }

    private PointSet(double[] xy, int[] labels, int classes) {
        this.xy = xy;
        this.labels = labels;
        this.classes = classes;
    }

    /** Takes a copy of the interleaved coordinates; every value must be finite. */
    public static PointSet of(double[] xy) {
        if (xy.length % 2 != 0) {
            throw new IllegalArgumentException("interleaved coordinates need an even length, got " + xy.length);
        }
        for (int i = 0; i < xy.length; i++) {
            if (!Double.isFinite(xy[i])) {
                throw new IllegalArgumentException("point " + (i / 2) + " has a non-finite coordinate: " + xy[i]);
            }
        }
        return new PointSet(xy.clone());
    }

    /** Wraps an array the caller promises never to touch again (generators use this). */
    static PointSet adopt(double[] xy) {
        return new PointSet(xy);
    }

    /** Wraps arrays the caller promises never to touch again; the labels are checked. */
    static PointSet adopt(double[] xy, int[] labels, int classes) {
        return new PointSet(xy).withLabels(labels, classes);
    }

    /**
     * These points with class labels 0 ≤ labels[i] &lt; classes ({@code classes} between 1 and {@link
     * #MAX_CLASSES}); the labels are copied.
     */
    public PointSet withLabels(int[] labels, int classes) {
        if (labels.length != size()) {
            throw new IllegalArgumentException(size() + " points need " + size() + " labels, got " + labels.length);
        }
        if (classes < 1 || classes > MAX_CLASSES) {
            throw new IllegalArgumentException("the number of classes must be between 1 and " + MAX_CLASSES
                    + ", got " + classes);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("point " + i + " has label " + labels[i] + ", outside 0 … "
                        + (classes - 1));
            }
        }
        return new PointSet(xy, labels.clone(), classes);
    }

    /** The same points without labels. */
    public PointSet unlabelled() {
        return labels == null ? this : new PointSet(xy);
    }

    public boolean hasLabels() {
        return labels != null;
    }

    /** Number of classes; 0 when unlabelled. */
    public int classes() {
        return classes;
    }

    /** The label of point i (only when {@link #hasLabels()}). */
    public int label(int i) {
        return labels[i];
    }

    /** A fresh copy of the labels, or null when unlabelled. */
    public int[] labelArray() {
        return labels == null ? null : labels.clone();
    }

    /** The points of class k (unlabelled, in their order); empty when no point has that label. */
    public double[] classPoints(int k) {
        int count = 0;
        for (int i = 0; i < size(); i++) {
            count += labels[i] == k ? 1 : 0;
        }
        double[] out = new double[2 * count];
        int j = 0;
        for (int i = 0; i < size(); i++) {
            if (labels[i] == k) {
                out[2 * j] = xy[2 * i];
                out[2 * j + 1] = xy[2 * i + 1];
                j++;
            }
        }
        return out;
    }

    public int size() {
        return xy.length / 2;
    }

    public double x(int i) {
        return xy[2 * i];
    }

    public double y(int i) {
        return xy[2 * i + 1];
    }

    /** A fresh copy of the interleaved coordinates. */
    public double[] toArray() {
        return xy.clone();
    }

    /** Copies the first {@code n} points (cyclically if n exceeds the size) into {@code out}. */
    public void copyInto(double[] out, int n) {
        int size = size();
        for (int i = 0; i < n; i++) {
            int j = i % size;
            out[2 * i] = xy[2 * j];
            out[2 * i + 1] = xy[2 * j + 1];
        }
    }

    /** Points {@code from} (inclusive) to {@code to} (exclusive). */
    public PointSet slice(int from, int to) {
        return new PointSet(Arrays.copyOfRange(xy, 2 * from, 2 * to),
                labels == null ? null : Arrays.copyOfRange(labels, from, to), classes);
    }

    /** Mean of each coordinate, {@code {mx, my}}. */
    public double[] mean() {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < size(); i++) {
            mx += x(i);
            my += y(i);
        }
        return new double[] {mx / size(), my / size()};
    }

    /** Population standard deviation of each coordinate, {@code {sx, sy}}. */
    public double[] std() {
        double[] m = mean();
        double vx = 0;
        double vy = 0;
        for (int i = 0; i < size(); i++) {
            vx += (x(i) - m[0]) * (x(i) - m[0]);
            vy += (y(i) - m[1]) * (y(i) - m[1]);
        }
        return new double[] {Math.sqrt(vx / size()), Math.sqrt(vy / size())};
    }

    /** Bounding box {@code {minX, minY, maxX, maxY}}. */
    public double[] bounds() {
        double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (int i = 0; i < size(); i++) {
            b[0] = Math.min(b[0], x(i));
            b[1] = Math.min(b[1], y(i));
            b[2] = Math.max(b[2], x(i));
            b[3] = Math.max(b[3], y(i));
        }
        return b;
    }

    /** The affine image (x − cx, y − cy) · scale: how imported data is standardised. */
    public PointSet standardised() {
        double[] m = mean();
        double[] s = std();
        double scale = 1.0 / Math.max(1e-12, Math.sqrt(0.5 * (s[0] * s[0] + s[1] * s[1])));
        double[] out = new double[xy.length];
        for (int i = 0; i < size(); i++) {
            out[2 * i] = (x(i) - m[0]) * scale;
            out[2 * i + 1] = (y(i) - m[1]) * scale;
        }
        return new PointSet(out, labels, classes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PointSet p && Arrays.equals(xy, p.xy) && classes == p.classes
                && Arrays.equals(labels, p.labels);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(xy) + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "PointSet[" + size() + " points" + (labels == null ? "" : ", " + classes + " classes") + "]";
    }
}
