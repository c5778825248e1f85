package org.diffusionplayground.model.sampling;

import org.diffusionplayground.model.schedule.Schedule;

/**
 * The times a fixed-step sampler visits, from T down to t_min: {@code times[0] = T},
 * {@code times[steps] = t_min}, strictly decreasing. The paper uses uniform spacing.
 */
public record TimeGrid(double[] times) {

    /** Most steps any sampler will take; more is a typo, not a wish. */
    public static final int MAX_STEPS = 100_000;

    public TimeGrid {
        if (times.length < 2) {
            throw new IllegalArgumentException("a time grid needs at least one step");
        }
        for (int k = 1; k < times.length; k++) {
            if (!(times[k] < times[k - 1])) {
                throw new IllegalArgumentException("time grid must decrease strictly from T to t_min");
            }
        }
        times = times.clone();
    }

    /** {@code steps} equal steps from T down to t_min. */
    public static TimeGrid uniform(Schedule schedule, int steps) {
        if (steps < 1 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("number of steps must be between 1 and " + MAX_STEPS + ", got " + steps);
        }
        double[] t = new double[steps + 1];
        double t0 = schedule.tMax();
        double t1 = schedule.tMin();
        for (int k = 0; k <= steps; k++) {
            t[k] = t0 + (t1 - t0) * k / steps;
        }
        t[steps] = t1;
        return new TimeGrid(t);
    }

    public int steps() {
        return times.length - 1;
    }

    public double time(int k) {
        return times[k];
    }

    public double start() {
        return times[0];
    }

    public double end() {
        return times[times.length - 1];
    }
}
