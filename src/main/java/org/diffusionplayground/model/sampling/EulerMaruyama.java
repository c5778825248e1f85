package org.diffusionplayground.model.sampling;

import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.util.Parallel;

/**
 * Euler–Maruyama for the 𝔥-SDE, any 𝔥 ≥ 0 (docs/MATH.md §3). With Δ = t_k − t_{k+1} &gt; 0 (time runs
 * backward):
 * <pre>
 *   x_{k+1} = x_k − F_𝔥(x_k, t_k) Δ + √𝔥 g(t_k) √Δ z_k,      z_k ~ N(0, I)
 * </pre>
 * the paper's step_euler_maruyama in "time backward" mode. 𝔥 = 0 is the Euler method for the PF-ODE.
 * Its linear part is explicit: a step multiplies x by about 1 + κΔ + (1+𝔥) g²Δ / (2σ²), which is far from
 * stable where g²Δ is large (near T of the cosine schedule on a uniform grid); see
 * {@link ExponentialIntegrator}.
 */
public final class EulerMaruyama implements Sampler {

    @Override
    public String name() {
        return "Euler–Maruyama";
    }

    @Override
    public void step(ReverseProcess process, double[] xy, int n, double t, double tNext, CounterNormal noise,
            long stream, StepWork work) {
        double[] drift = work.scratch(0);
        double dt = t - tNext;
        process.drift(t, xy, n, drift, work.scratch(1));
        work.scoreEvaluated(n);
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
