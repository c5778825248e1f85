package org.diffusionplayground.bench;

/** Timing primitives of the suite: wall-clock milliseconds per operation, repeats, percentiles. */
public final class Stopwatch {

    /** Runs one repeat and returns its milliseconds per operation. */
    @FunctionalInterface
    public interface Repeat {
        double msPerOp();
    }

    private Stopwatch() {
    }

    /** Milliseconds per operation of {@code ops} consecutive runs. */
    public static double msPerOp(Workload w, int ops) {
        long t0 = System.nanoTime();
        for (int i = 0; i < ops; i++) {
            w.run();
        }
        return (System.nanoTime() - t0) / 1e6 / ops;
    }

    /** A repeat of {@code ops} runs of {@code w}. */
    public static Repeat repeat(Workload w, int ops) {
        return () -> msPerOp(w, ops);
    }

    /** Warm-up runs (not timed), then {@code repeats} timed repeats of {@code ops} runs each. */
    public static Range time(Workload w, int warmupOps, int repeats, int ops) {
        for (int i = 0; i < warmupOps; i++) {
            w.run();
        }
        double[] ms = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            ms[r] = msPerOp(w, ops);
        }
        return Range.of(ms);
    }

    /** The time of each single run, for percentiles (frame times). */
    public static double[] eachRun(Workload w, int warmupOps, int runs) {
        for (int i = 0; i < warmupOps; i++) {
            w.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            w.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    /** The p-quantile (0 ≤ p ≤ 1) of the values by the nearest-rank rule. */
    public static double percentile(double[] values, double p) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        int rank = (int) Math.ceil(p * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }
}
