package org.diffusionplayground.model.sampling;

import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.Parallel;

/**
 * The forward process, data → noise (MATH.md §1), two ways:
 * <ul>
 *   <li>{@link #marginal}: the exact transition x_t = α_t x₀ + σ_t ε with one fixed ε per particle, so
 *   scrubbing t morphs the cloud smoothly and any t is exact (the time scrubber uses this);</li>
 *   <li>{@link #simulate}: Euler–Maruyama paths of dx = κ x dt + g dw from t_min up to T, the Brownian
 *   picture of seed 000.</li>
 * </ul>
 */
public final class ForwardNoising {

    /** Noise stream of the fixed per-particle ε of the marginal view. */
    static final long MARGINAL_STREAM = -2;
    /** First noise stream of forward paths (stream − k for step k, away from the reverse sampler's). */
    static final long PATH_STREAM = -1000;

    private final Schedule schedule;

    public ForwardNoising(Schedule schedule) {
        this.schedule = schedule;
    }

    /** x_t = α_t x₀ + σ_t ε_i with ε_i fixed by (seed, particle): exact at any t. */
    public void marginal(double t, double[] x0, int n, CounterNormal noise, double[] out) {
        double a = schedule.alpha(t);
        double s = schedule.sigma(t);
        double[] z = new double[2];
        for (int i = 0; i < n; i++) {
            noise.pair(MARGINAL_STREAM, i, z, 0);
            out[2 * i] = a * x0[2 * i] + s * z[0];
            out[2 * i + 1] = a * x0[2 * i + 1] + s * z[1];
        }
    }

    /**
     * Simulates forward SDE paths from {@code xy} at t_min up to T in {@code steps} Euler–Maruyama
     * steps; the observer sees increasing times.
     */
    public void simulate(double[] xy, int n, int steps, CounterNormal noise, StepObserver observer,
            Cancellation cancel) {
        if (steps < 1 || steps > TimeGrid.MAX_STEPS) {
            throw new IllegalArgumentException("number of steps must be between 1 and " + TimeGrid.MAX_STEPS);
        }
        double t0 = schedule.tMin();
        double dt = (schedule.tMax() - t0) / steps;
        observer.onStep(0, t0, xy, n);
        for (int k = 0; k < steps; k++) {
            cancel.check();
            double t = t0 + k * dt;
            double kappa = schedule.kappa(t);
            double kick = Math.sqrt(schedule.g2(t) * dt);
            long stream = PATH_STREAM - k;
            Parallel.forBlocks(n, 4096, (from, to) -> {
                double[] z = new double[2];
                for (int i = from; i < to; i++) {
                    noise.pair(stream, i, z, 0);
                    xy[2 * i] += kappa * xy[2 * i] * dt + kick * z[0];
                    xy[2 * i + 1] += kappa * xy[2 * i + 1] * dt + kick * z[1];
                }
            });
            observer.onStep(k + 1, k + 1 == steps ? schedule.tMax() : t + dt, xy, n);
        }
    }
}
