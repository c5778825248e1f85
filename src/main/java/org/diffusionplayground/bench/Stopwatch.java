package org.diffusionplayground.bench;

import java.lang.management.ManagementFactory;

/**
 * Timing primitives of the suite. Every repeat records wall-clock time (what a user waits for; the
 * headline figures) and the CPU time of the whole process over the same interval (all threads): on a
 * machine shared with other work the wall time stretches while the CPU time stays close to the work
 * actually done, so the two together say how much of a figure is load.
 */
public final class Stopwatch {

    /** Milliseconds per operation of one repeat: wall clock and process CPU (summed over threads). */
    public record Sample(double wallMs, double cpuMs) {
    }

    /** Runs one repeat and returns its per-operation times. */
    @FunctionalInterface
    public interface Repeat {
        Sample run();
    }

    /** Wall and CPU times of repeats. */
    public record Timing(Range wall, Range cpu) {
        static Timing of(Sample[] s) {
            double[] w = new double[s.length];
            double[] c = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                w[i] = s[i].wallMs();
                c[i] = s[i].cpuMs();
            }
            return new Timing(Range.of(w), Range.of(c));
        }
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean o ? o : null;

    private Stopwatch() {
    }

    /** CPU time of this process in nanoseconds (all threads), or −1 where the JVM cannot tell. */
    public static long processCpuNanos() {
        return OS == null ? -1 : OS.getProcessCpuTime();
    }

    /** Times {@code ops} consecutive runs of {@code body}. */
    public static Sample measure(Runnable body, int ops) {
        long c0 = processCpuNanos();
        long t0 = System.nanoTime();
        body.run();
        long t1 = System.nanoTime();
        long c1 = processCpuNanos();
        return new Sample((t1 - t0) / 1e6 / ops, c0 < 0 ? Double.NaN : (c1 - c0) / 1e6 / ops);
    }

    /** A repeat of {@code ops} runs of {@code w}. */
    public static Repeat repeat(Workload w, int ops) {
        return () -> measure(() -> {
            for (int i = 0; i < ops; i++) {
                w.run();
            }
        }, ops);
    }

    /** Warm-up runs (not timed), then {@code repeats} timed repeats of {@code ops} runs each. */
    public static Timing time(Workload w, int warmupOps, int repeats, int ops) {
        for (int i = 0; i < warmupOps; i++) {
            w.run();
        }
        Repeat r = repeat(w, ops);
        Sample[] s = new Sample[repeats];
        for (int i = 0; i < repeats; i++) {
            s[i] = r.run();
        }
        return Timing.of(s);
    }

    /** The wall time of each single run, for percentiles (frame times). */
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
