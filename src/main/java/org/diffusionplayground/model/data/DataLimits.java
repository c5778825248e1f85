package org.diffusionplayground.model.data;

/** Sizes the app refuses to go beyond, so bad input gives a message instead of an OutOfMemoryError. */
public final class DataLimits {

    /** Most points in one data set (built-in, imported or drawn). */
    public static final int MAX_POINTS = 1_000_000;

    /** Largest CSV file read, in bytes. */
    public static final long MAX_CSV_BYTES = 200L * 1024 * 1024;

    private DataLimits() {
    }
}
