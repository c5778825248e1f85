package org.diffusionplayground.model.sampling;

import org.diffusionplayground.model.schedule.Schedule;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;

/**
 * The times a fixed-step sampler visits, from a start time (usually T) down to t_min: {@code times[0]}
 * is the start, {@code times[steps] = t_min}, strictly decreasing. {@link #of} places the steps by a named
 * {@link StepSchedule}; the paper uses uniform spacing.
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
        return of(StepSchedule.UNIFORM_T, schedule, schedule.tMax(), steps);
    }

    /** {@code steps} steps from T down to t_min placed by {@code spacing}. */
    public static TimeGrid of(StepSchedule spacing, Schedule schedule, int steps) {
        return of(spacing, schedule, schedule.tMax(), steps);
    }

    /**
     * {@code steps} steps from {@code start} (in (t_min, T]) down to t_min placed by {@code spacing}: the
     * grid of a path launched at a time below T.
     */
    public static TimeGrid of(StepSchedule spacing, Schedule schedule, double start, int steps) {
        if (steps < 1 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("number of steps must be between 1 and " + MAX_STEPS + ", got " + steps);
        }
        double end = schedule.tMin();
        if (!(start > end) || start > schedule.tMax()) {
            throw new IllegalArgumentException("a grid starts between t_min = " + end + " and T = " + schedule.tMax()
                    + ", got " + start);
        }
        double[] t = new double[steps + 1];
        t[0] = start;
        t[steps] = end;
        switch (spacing) {
            case UNIFORM_T -> {
                for (int k = 1; k < steps; k++) {
                    t[k] = start + (end - start) * k / steps;
                }
            }
            case UNIFORM_LOG_SNR -> {
                double l0 = logSnr(schedule, start);
                double l1 = logSnr(schedule, end);
                for (int k = 1; k < steps; k++) {
                    t[k] = timeOfLogSnr(schedule, l0 + (l1 - l0) * k / steps, t[k - 1], end);
                }
            }
            case KARRAS -> {
                double inv = 1 / StepSchedule.KARRAS_RHO;
                double a = Math.exp(-inv * logSnr(schedule, start)); // σ̃_max^{1/ρ}, σ̃ = e^{−ℓ}
                double b = Math.exp(-inv * logSnr(schedule, end));
                for (int k = 1; k < steps; k++) {
                    double root = a + (b - a) * k / steps;
                    t[k] = timeOfLogSnr(schedule, -StepSchedule.KARRAS_RHO * Math.log(root), t[k - 1], end);
                }
            }
            default -> throw new IllegalStateException("unknown step schedule " + spacing);
        }
        return new TimeGrid(t);
    }

    /** ℓ(t) = log(α_t / σ_t), the log signal-to-noise ratio (half the log of SNR = α²/σ²). */
    public static double logSnr(Schedule schedule, double t) {
        return Math.log(schedule.alpha(t)) - Math.log(schedule.sigma(t));
    }

    /** The t in [below, above] with ℓ(t) = target (ℓ is strictly decreasing in t for every schedule). */
    static double timeOfLogSnr(Schedule schedule, double target, double above, double below) {
        BracketingNthOrderBrentSolver solver = new BracketingNthOrderBrentSolver(1e-15, 1e-14, 1e-300, 5);
        return solver.solve(200, t -> logSnr(schedule, t) - target, below, above);
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
