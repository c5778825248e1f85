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
 *   picture of the forward process;</li>
 *   <li>{@link #exactPaths}: paths sampled with the exact transition kernel between grid times, for
 *   path functionals (entropy production) that must not carry a discretisation bias of the path.</li>
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

    /**
     * Forward paths through increasing {@code times}, each step drawn from the exact transition kernel
     * of the linear SDE,
     * <pre>
     *   x_{k+1} = a_k x_k + s_k z_k,   a_k = α(t_{k+1}) / α(t_k),   s_k² = σ²(t_{k+1}) − a_k² σ²(t_k),
     * </pre>
     * so the law at every grid time is exact however coarse the grid. Step k uses the same noise stream
     * as {@link #simulate}'s step k.
     */
    public void exactPaths(double[] times, double[] xy, int n, CounterNormal noise, StepObserver observer,
            Cancellation cancel) {
        if (times.length < 2 || times.length > TimeGrid.MAX_STEPS + 1) {
            throw new IllegalArgumentException("a forward path needs between 1 and " + TimeGrid.MAX_STEPS + " steps");
        }
        for (int k = 1; k < times.length; k++) {
            if (!(times[k] > times[k - 1])) {
                throw new IllegalArgumentException("forward path times must increase strictly");
            }
        }
        observer.onStep(0, times[0], xy, n);
        for (int k = 0; k + 1 < times.length; k++) {
            cancel.check();
            double a = schedule.alpha(times[k + 1]) / schedule.alpha(times[k]);
            double kick = Math.sqrt(Math.max(0, schedule.variance(times[k + 1]) - a * a * schedule.variance(times[k])));
            long stream = PATH_STREAM - k;
            Parallel.forBlocks(n, 4096, (from, to) -> {
                double[] z = new double[2];
                for (int i = from; i < to; i++) {
                    noise.pair(stream, i, z, 0);
                    xy[2 * i] = a * xy[2 * i] + kick * z[0];
                    xy[2 * i + 1] = a * xy[2 * i + 1] + kick * z[1];
                }
            });
            observer.onStep(k + 1, times[k + 1], xy, n);
        }
    }
}
