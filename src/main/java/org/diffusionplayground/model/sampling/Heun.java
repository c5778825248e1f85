package org.diffusionplayground.model.sampling;

import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.util.Cancellation;

/**
 * Heun's second-order method (explicit trapezoid) for the probability-flow ODE, 𝔥 = 0
 * (Karras et al. 2022, Alg. 1, without the churn):
 * <pre>
 *   x̃ = x_k − F(x_k, t_k) Δ,    x_{k+1} = x_k − ½[F(x_k, t_k) + F(x̃, t_{k+1})] Δ
 * </pre>
 */
public final class Heun implements Sampler {

    @Override
    public String name() {
        return "Heun (𝔥 = 0)";
    }

    @Override
    public void sample(ReverseProcess process, double[] xy, int n, TimeGrid grid, CounterNormal noise,
            StepObserver observer, Cancellation cancel) {
        if (process.h() != 0) {
            throw new IllegalArgumentException("Heun integrates the probability-flow ODE (𝔥 = 0); got 𝔥 = "
                    + process.h() + " — use Euler–Maruyama for 𝔥 > 0");
        }
        double[] f0 = new double[2 * n];
        double[] f1 = new double[2 * n];
        double[] score = new double[2 * n];
        double[] trial = new double[2 * n];
        observer.onStep(0, grid.start(), xy, n);
        for (int k = 0; k < grid.steps(); k++) {
            cancel.check();
            double t = grid.time(k);
            double tNext = grid.time(k + 1);
            double dt = t - tNext;
            process.drift(t, xy, n, f0, score);
            for (int i = 0; i < 2 * n; i++) {
                trial[i] = xy[i] - f0[i] * dt;
            }
            process.drift(tNext, trial, n, f1, score);
            for (int i = 0; i < 2 * n; i++) {
                xy[i] -= 0.5 * (f0[i] + f1[i]) * dt;
            }
            observer.onStep(k + 1, tNext, xy, n);
        }
    }
}
