package org.diffusionplayground.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Minimum, median and maximum of repeated measurements. On a shared machine the spread is part of the
 * result: docs/benchmarks.md reports every figure as its median with this range.
 */
public record Range(double min, double median, double max, int count) {

    public static Range of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no measurements");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        double median = n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
        return new Range(v[0], median, v[n - 1], n);
    }

    /** The same range mapped through a monotone function (e.g. ms per step → steps/s, which flips it). */
    public Range map(java.util.function.DoubleUnaryOperator f) {
        double a = f.applyAsDouble(min);
        double b = f.applyAsDouble(max);
        return new Range(Math.min(a, b), f.applyAsDouble(median), Math.max(a, b), count);
    }

    /** "median (min–max)" with a printf pattern for each number, e.g. "%.2f". */
    public String format(String number) {
        String m = String.format(Locale.ROOT, number, median);
        if (count < 2) {
            return m;
        }
        return m + " (" + String.format(Locale.ROOT, number, min) + "–" + String.format(Locale.ROOT, number, max) + ")";
    }
}
