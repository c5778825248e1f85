package org.diffusionplayground.ui;

import java.util.Arrays;

/**
 * Keeps the last frame timings (render time and pulse-to-pulse interval) to report p50/p95 and the
 * longest stall, the numbers the 60 fps and "never stalls > 100 ms" goals are checked with.
 */
public final class FrameTimeRecorder {

    private final double[] renderMs;
    private final double[] intervalMs;
    private int count;
    private int next;
    private long lastPulse;
    private double maxIntervalMs;

    public FrameTimeRecorder(int capacity) {
        renderMs = new double[capacity];
        intervalMs = new double[capacity];
    }

    /** Called once per pulse with System.nanoTime(). */
    public void pulse(long now) {
        if (lastPulse != 0) {
            double ms = (now - lastPulse) / 1e6;
            intervalMs[next] = ms;
            maxIntervalMs = Math.max(maxIntervalMs, ms);
        }
        lastPulse = now;
    }

    /** Called after a frame was rendered, with its render duration. */
    public void rendered(double ms) {
        renderMs[next] = ms;
        next = (next + 1) % renderMs.length;
        count = Math.min(count + 1, renderMs.length);
    }

    public int count() {
        return count;
    }

    public double renderPercentile(double p) {
        return percentile(renderMs, p);
    }

    public double intervalPercentile(double p) {
        return percentile(intervalMs, p);
    }

    public double maxIntervalMs() {
        return maxIntervalMs;
    }

    public void clear() {
        count = 0;
        next = 0;
        lastPulse = 0;
        maxIntervalMs = 0;
    }

    private double percentile(double[] values, double p) {
        if (count == 0) {
            return Double.NaN;
        }
        double[] copy = Arrays.copyOf(values, count);
        Arrays.sort(copy);
        return copy[Math.min(count - 1, (int) Math.floor(p * (count - 1) + 0.5))];
    }
}
