package org.diffusionplayground.ui;

import java.util.Arrays;
import java.util.Locale;

/**
 * Keeps the last frame timings — how long the scene took to render, and the interval between two
 * pulses of the JavaFX thread — to report p50/p95 and the longest stall: the numbers the "10 000
 * particles at 60 fps (p95 ≤ 16.7 ms)" and "the UI thread never stalls > 100 ms" goals are checked
 * with. The main window's animation timer calls {@link #pulse} every pulse (it runs even when the
 * animation is paused, so a stall of the FX thread shows as a long interval); the scene view calls
 * {@link #rendered} after each frame. Call {@link #clear()}, let the app run, then read
 * {@link #stats()}: from a test, a benchmark, the diagnostics readout (F2) or the log.
 * All methods run on the FX thread.
 */
public final class FrameTimeRecorder {

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private final double[] renderMs;
    private final double[] renderCpuMs;
    private final double[] intervalMs;
    private final double[] frameCpuMs;
    private int renders;
    private int nextRender;
    private int intervals;
    private int nextInterval;
    private long lastPulse;
    private long lastPulseCpu;
    private double maxIntervalMs;

    /** CPU time of the calling thread, ns. */
    static long threadCpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    public FrameTimeRecorder(int capacity) {
        renderMs = new double[capacity];
        renderCpuMs = new double[capacity];
        intervalMs = new double[capacity];
        frameCpuMs = new double[capacity];
    }

    /**
     * Called once per pulse with System.nanoTime(), on the FX thread. Besides the interval it records the
     * CPU time the FX thread used since the previous pulse: everything one frame cost it (CSS, layout,
     * composing the snapshot, rendering the scene, charts), a number the machine's other load does not
     * inflate.
     */
    public void pulse(long now) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        if (lastPulse != 0) {
            double ms = (now - lastPulse) / 1e6;
            frameCpuMs[nextInterval] = (cpu - lastPulseCpu) / 1e6;
            intervalMs[nextInterval] = ms;
            nextInterval = (nextInterval + 1) % intervalMs.length;
            intervals = Math.min(intervals + 1, intervalMs.length);
            maxIntervalMs = Math.max(maxIntervalMs, ms);
        }
        lastPulse = now;
        lastPulseCpu = cpu;
    }

    /** Called after a frame was rendered, with its render duration. */
    public void rendered(double ms) {
        rendered(ms, Double.NaN);
    }

    /**
     * Called after a frame was rendered, with its wall-clock duration and the CPU time the FX thread spent
     * on it: on a machine shared with other work the wall time measures the neighbours as much as the
     * renderer, the CPU time only the renderer.
     */
    public void rendered(double ms, double cpuMs) {
        renderCpuMs[nextRender] = cpuMs;
        renderMs[nextRender] = ms;
        nextRender = (nextRender + 1) % renderMs.length;
        renders = Math.min(renders + 1, renderMs.length);
    }

    public int count() {
        return renders;
    }

    public double renderPercentile(double p) {
        return percentile(renderMs, renders, p);
    }

    public double renderCpuPercentile(double p) {
        return percentile(renderCpuMs, renders, p);
    }

    public double frameCpuPercentile(double p) {
        return percentile(frameCpuMs, intervals, p);
    }

    public double intervalPercentile(double p) {
        return percentile(intervalMs, intervals, p);
    }

    /** Longest pulse interval since the last {@link #clear()} (not only within the kept window). */
    public double maxIntervalMs() {
        return maxIntervalMs;
    }

    /** Forgets everything recorded so far (start of a measurement). */
    public void clear() {
        renders = 0;
        nextRender = 0;
        intervals = 0;
        nextInterval = 0;
        lastPulse = 0;
        maxIntervalMs = 0;
    }

    /** The current numbers as a value. */
    public FrameStats stats() {
        return new FrameStats(renders, renderPercentile(0.5), renderPercentile(0.95), renderCpuPercentile(0.5),
                renderCpuPercentile(0.95), intervals, intervalPercentile(0.5), intervalPercentile(0.95), maxIntervalMs,
                frameCpuPercentile(0.5), frameCpuPercentile(0.95));
    }

    private static double percentile(double[] values, int count, double p) {
        if (count == 0) {
            return Double.NaN;
        }
        double[] copy = Arrays.copyOf(values, count);
        Arrays.sort(copy);
        return copy[Math.min(count - 1, (int) Math.floor(p * (count - 1) + 0.5))];
    }

    /**
     * Frame timings over the recorder's window.
     *
     * @param frames        frames rendered
     * @param renderP50     median time to render one frame of the scene, ms
     * @param renderP95     95th percentile of it, ms
     * @param renderCpuP50  median CPU time of the FX thread per rendered frame, ms (NaN if not measured)
     * @param renderCpuP95  95th percentile of it, ms
     * @param pulses        pulse intervals recorded
     * @param intervalP50   median time between two pulses of the FX thread, ms (16.7 at 60 Hz)
     * @param intervalP95   95th percentile of it, ms
     * @param maxIntervalMs the longest interval: the worst stall of the FX thread, ms
     * @param frameCpuP50   median CPU time of the FX thread per pulse (all its work for one frame), ms
     * @param frameCpuP95   95th percentile of it, ms
     */
    public record FrameStats(int frames, double renderP50, double renderP95, double renderCpuP50,
            double renderCpuP95, int pulses, double intervalP50, double intervalP95, double maxIntervalMs,
            double frameCpuP50, double frameCpuP95) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "render p50 %.1f ms, p95 %.1f ms (CPU p50 %.1f, p95 %.1f) over %d frames · pulse interval "
                            + "p50 %.1f ms, p95 %.1f ms, longest %.0f ms (%d pulses) · FX thread CPU per frame "
                            + "p50 %.1f ms, p95 %.1f ms",
                    renderP50, renderP95, renderCpuP50, renderCpuP95, frames, intervalP50, intervalP95,
                    maxIntervalMs, pulses, frameCpuP50, frameCpuP95);
        }
    }
}
