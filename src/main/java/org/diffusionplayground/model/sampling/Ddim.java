package org.diffusionplayground.model.sampling;

import java.util.Locale;
import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.util.Parallel;

/**
 * DDIM (Song, Meng & Ermon, ICLR 2021, eq. 12) with its noise parameter η = √𝔥 (docs/MATH.md §3.3). With the
 * denoiser D = (x_t + σ_t² s_θ)/α_t, the predicted noise ε̂ = (x_t − α_t D)/σ_t and δ = ℓ_s − ℓ_t:
 * <pre>
 *   x_s = α_s D + √(σ_s² − σ̂²) ε̂ + σ̂ z,     σ̂ = η σ_s √(1 − e^{−2δ}),
 * </pre>
 * which for the VP schedules is DDIM's σ̂ = η √((1 − ᾱ_s)/(1 − ᾱ_t)) √(1 − ᾱ_t/ᾱ_s) with ᾱ = α². η = 0 is
 * the exponential transition of the PF-ODE with D frozen over the step (DPM-Solver++(1)); η = 1 is exactly
 * the 𝔥 = 1 transition (ancestral sampling); between them the step samples the 𝔥 = η² process to first
 * order in δ. A step needs η²(1 − e^{−2δ}) ≤ 1, always true for η ≤ 1. One score evaluation per step.
 */
public final class Ddim implements Sampler {

    @Override
    public String name() {
        return "DDIM (η = √𝔥)";
    }

    @Override
    public void step(ReverseProcess process, double[] xy, int n, double t, double tNext, CounterNormal noise,
            long stream, StepWork work) {
        double[] d = work.scratch(1);
        process.denoise(t, xy, n, d);
        work.scoreEvaluated(n);
        double alphaT = process.schedule().alpha(t);
        double sigmaT = process.schedule().sigma(t);
        double alphaS = process.schedule().alpha(tNext);
        double sigmaS = process.schedule().sigma(tNext);
        double delta = TimeGrid.logSnr(process.schedule(), tNext) - TimeGrid.logSnr(process.schedule(), t);
        double share = process.h() * -Math.expm1(-2 * delta); // η²(1 − e^{−2δ}) = (σ̂/σ_s)²
        if (share > 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "DDIM with η = %.3g cannot take a step "
                    + "this long (η²(1 − e^{−2δ}) = %.3g > 1): use more steps or 𝔥 ≤ 1", Math.sqrt(process.h()), share));
        }
        double kick = sigmaS * Math.sqrt(share);
        double keep = sigmaS * Math.sqrt(1 - share) / sigmaT; // √(σ_s² − σ̂²) / σ_t, the factor on ε̂ σ_t
        Parallel.forBlocks(n, 2048, (from, to) -> {
            double[] z = new double[2];
            for (int i = from; i < to; i++) {
                if (kick != 0) {
                    noise.pair(stream, i, z, 0);
                }
                for (int j = 2 * i; j < 2 * i + 2; j++) {
                    xy[j] = alphaS * d[j] + keep * (xy[j] - alphaT * d[j]) + kick * z[j - 2 * i];
                }
            }
        });
    }
}
