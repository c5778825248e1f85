package org.diffusionplayground.model.data;

/** Sizes the app refuses to go beyond, so bad input gives a message instead of an OutOfMemoryError. */
public final class DataLimits {

    /** Most points in one data set (built-in, imported or drawn). */
    public static final int MAX_POINTS = 1_000_000;

    /** Largest CSV file read, in bytes. */
    public static final long MAX_CSV_BYTES = 200L * 1024 * 1024;

    /** Longest line of a CSV file, in characters: a line of points needs a few dozen. */
    public static final int MAX_LINE_CHARS = 10_000;

    /** Most columns on a CSV line (x and y are the first two; the rest are ignored). */
    public static final int MAX_COLUMNS = 1_000;

    /**
     * Largest magnitude of a coordinate: below it, the sum of a million squares that standardisation
     * computes stays far below the largest double (1e150² · 1e6 = 1e306 &lt; 1.8e308).
     */
    public static final double MAX_ABS_COORDINATE = 1e150;

    private DataLimits() {
    }
}
