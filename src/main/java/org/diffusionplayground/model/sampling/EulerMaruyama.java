package org.diffusionplayground.model.sampling;

import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.Parallel;

/**
 * Euler–Maruyama for the 𝔥-SDE, any 𝔥 ≥ 0 (MATH.md §3). With Δ = t_k − t_{k+1} > 0 (time runs
 * backward):
 * <pre>
 *   x_{k+1} = x_k − F_𝔥(x_k, t_k) Δ + √𝔥 g(t_k) √Δ z_k,      z_k ~ N(0, I)
 * </pre>
 * the paper's step_euler_maruyama in "time backward" mode. 𝔥 = 0 is the Euler method for the PF-ODE.
 */
public final class EulerMaruyama implements Sampler {

    @Override
    public String name() {
        return "Euler–Maruyama";
    }

    @Override
    public void sample(ReverseProcess process, double[] xy, int n, TimeGrid grid, CounterNormal noise,
            StepObserver observer, Cancellation cancel) {
        double[] drift = new double[2 * n];
        double[] score = new double[2 * n];
        observer.onStep(0, grid.start(), xy, n);
        for (int k = 0; k < grid.steps(); k++) {
            cancel.check();
            step(process, xy, n, grid.time(k), grid.time(k + 1), noise, k, drift, score);
            observer.onStep(k + 1, grid.time(k + 1), xy, n);
        }
    }

    /** One step from t to tNext < t with noise stream {@code stream}; scratch arrays of length 2n. */
    public static void step(ReverseProcess process, double[] xy, int n, double t, double tNext, CounterNormal noise,
            long stream, double[] drift, double[] score) {
        double dt = t - tNext;
        process.drift(t, xy, n, drift, score);
        double kick = process.diffusion(t) * Math.sqrt(dt);
        if (kick == 0) {
            for (int i = 0; i < 2 * n; i++) {
                xy[i] -= drift[i] * dt;
            }
            return;
        }
        Parallel.forBlocks(n, 2048, (from, to) -> {
            double[] z = new double[2];
            for (int i = from; i < to; i++) {
                noise.pair(stream, i, z, 0);
                xy[2 * i] += -drift[2 * i] * dt + kick * z[0];
                xy[2 * i + 1] += -drift[2 * i + 1] * dt + kick * z[1];
            }
        });
    }
}
