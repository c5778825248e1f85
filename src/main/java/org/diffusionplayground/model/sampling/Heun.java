package org.diffusionplayground.model.sampling;

import org.diffusionplayground.model.random.CounterNormal;

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
    public int evaluationsPerStep() {
        return 2;
    }

    @Override
    public void requireSupported(ReverseProcess process) {
        if (process.h() != 0) {
            throw new IllegalArgumentException("Heun integrates the probability-flow ODE (𝔥 = 0); got 𝔥 = "
                    + process.h() + " — use Euler–Maruyama or the exponential integrator for 𝔥 > 0");
        }
    }

    @Override
    public void step(ReverseProcess process, double[] xy, int n, double t, double tNext, CounterNormal noise,
            long stream, StepWork work) {
        double[] f0 = work.scratch(0);
        double[] score = work.scratch(1);
        double[] trial = work.scratch(2);
        double[] f1 = work.scratch(3);
        double dt = t - tNext;
        process.drift(t, xy, n, f0, score);
        for (int i = 0; i < 2 * n; i++) {
            trial[i] = xy[i] - f0[i] * dt;
        }
        process.drift(tNext, trial, n, f1, score);
        work.scoreEvaluated(2L * n);
        for (int i = 0; i < 2 * n; i++) {
            xy[i] -= 0.5 * (f0[i] + f1[i]) * dt;
        }
    }
}
