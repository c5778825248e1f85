package org.diffusionplayground.model.sampling;

import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.util.Parallel;

/**
 * The stochastic second-order sampler of Karras et al. (EDM, NeurIPS 2022, Alg. 2) with its churn set by 𝔥
 * (docs/MATH.md §3.3). In EDM's variables x̃ = x/α and σ̃ = σ/α = e^{−ℓ}, where the PF-ODE reads
 * dx̃/dσ̃ = (x̃ − D)/σ̃, a step from σ̃_t down to σ̃_s first "churns" — raises the noise level by a factor
 * 1 + γ with fresh noise — and then takes a Heun step of the ODE from the raised level:
 * <pre>
 *   σ̂ = (1 + γ) σ̃_t,   x̂ = x̃_t + √(σ̂² − σ̃_t²) z,
 *   d = (x̂ − D(x̂, σ̂))/σ̂,   x′ = x̂ + (σ̃_s − σ̂) d,   d′ = (x′ − D(x′, σ̃_s))/σ̃_s,
 *   x̃_s = x̂ + (σ̃_s − σ̂)(d + d′)/2,        1 + γ = e^{𝔥δ},  δ = ℓ_s − ℓ_t.
 * </pre>
 * With D frozen over the step, churn γ followed by the exact ODE flow is exactly the 𝔥-transition with
 * 𝔥 = log(1 + γ)/δ (§3.3), so this choice of γ samples the 𝔥-process; EDM's S_churn over N equal log-steps
 * is 𝔥 ≈ S_churn/(ℓ(t_min) − ℓ(T)). The raised level cannot pass T: a step starting at T churns no higher
 * than T. 𝔥 = 0 is EDM's deterministic Heun sampler (Alg. 1). Two score evaluations per step.
 */
public final class EdmChurn implements Sampler {

    @Override
    public String name() {
        return "EDM churn + Heun";
    }

    @Override
    public int evaluationsPerStep() {
        return 2;
    }

    @Override
    public void step(ReverseProcess process, double[] xy, int n, double t, double tNext, CounterNormal noise,
            long stream, StepWork work) {
        var schedule = process.schedule();
        double lt = TimeGrid.logSnr(schedule, t);
        double ls = TimeGrid.logSnr(schedule, tNext);
        double lHat = Math.max(lt - process.h() * (ls - lt), TimeGrid.logSnr(schedule, schedule.tMax()));
        double tHat = lHat < lt ? TimeGrid.timeOfLogSnr(schedule, lHat, schedule.tMax(), t) : t;
        double sigmaT = Math.exp(-lt);
        double sigmaHat = lHat < lt ? Math.exp(-lHat) : sigmaT;
        double sigmaS = Math.exp(-ls);
        double alphaT = schedule.alpha(t);
        double alphaHat = schedule.alpha(tHat);
        double alphaS = schedule.alpha(tNext);
        double kick = Math.sqrt(Math.max(0, sigmaHat * sigmaHat - sigmaT * sigmaT));
        double[] xHat = work.scratch(0);
        double[] d = work.scratch(1);
        double[] slope = work.scratch(2);
        double[] trial = work.scratch(3);
        Parallel.forBlocks(n, 2048, (from, to) -> { // x̂ in x-coordinates at t̂: α_t̂ (x_t/α_t + kick z)
            double[] z = new double[2];
            for (int i = from; i < to; i++) {
                if (kick != 0) {
                    noise.pair(stream, i, z, 0);
                }
                for (int j = 2 * i; j < 2 * i + 2; j++) {
                    xHat[j] = alphaHat * (xy[j] / alphaT + kick * z[j - 2 * i]);
                }
            }
        });
        process.denoise(tHat, xHat, n, d);
        double h = sigmaS - sigmaHat;
        for (int j = 0; j < 2 * n; j++) {
            double x = xHat[j] / alphaHat;
            slope[j] = (x - d[j]) / sigmaHat;
            trial[j] = alphaS * (x + h * slope[j]);
        }
        process.denoise(tNext, trial, n, d);
        work.scoreEvaluated(2L * n);
        for (int j = 0; j < 2 * n; j++) {
            double next = (trial[j] / alphaS - d[j]) / sigmaS;
            xy[j] = alphaS * (xHat[j] / alphaHat + 0.5 * h * (slope[j] + next));
        }
    }
}
