package org.diffusionplayground.model.train;

/**
 * How the learning rate and the EMA decay change over a run (docs/MATH.md §2 gives the loss they optimise).
 * With n the optimiser step (1 for the first update), N the run's steps, W the warm-up steps, η the
 * configured (peak) rate, f the final fraction and β the configured EMA decay:
 * <pre>
 *   η(n) = η · min(1, n/W) · d(n)
 *   d(n) = 1                                     (constant)
 *   d(n) = f + (1 − f) · ½(1 + cos(π·p)),  p = clamp((n − W)/(N − W), 0, 1)      (cosine, after the warm-up)
 *   β(n) = min(β, (1 + n)/(10 + n))              (EMA warm-up; β(n) = β without it)
 * </pre>
 * The linear warm-up keeps Adam's first steps, whose second-moment estimate rests on few gradients, small
 * (Goyal et al. 2017); the cosine decay is SGDR's single cycle (Loshchilov &amp; Hutter 2017), so the last
 * steps average the noise of the batch gradient away. The EMA warm-up is TensorFlow's
 * {@code ExponentialMovingAverage(num_updates)} rule: an average with decay 0.999 from the first step
 * remembers the random initial weights for thousands of steps, while (1 + n)/(10 + n) is an average over
 * roughly the last n/10 … n steps until it reaches β. {@link #CONSTANT} is the paper's training (no schedule).
 *
 * @param warmupSteps        W; 0 for none
 * @param decay              what the rate does after the warm-up
 * @param finalRateFraction  f, the rate at the last step as a fraction of the peak (cosine only)
 * @param emaWarmup          whether the EMA decay ramps up as (1 + n)/(10 + n)
 */
public record OptimiserSchedule(long warmupSteps, RateDecay decay, double finalRateFraction, boolean emaWarmup) {

    /** The rate after the warm-up. */
    public enum RateDecay {
        /** η stays at its peak. */
        CONSTANT,
        /** η falls along half a cosine to f·η at the last step. */
        COSINE
    }

    /** A constant rate and a constant EMA decay: the paper's optimiser. */
    public static final OptimiserSchedule CONSTANT = new OptimiserSchedule(0, RateDecay.CONSTANT, 1, false);

    public OptimiserSchedule {
        if (decay == null) {
            throw new IllegalArgumentException("the learning-rate decay is missing");
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warm-up steps must be 0 (none) or positive, got " + warmupSteps);
        }
        if (!(finalRateFraction >= 0 && finalRateFraction <= 1)) {
            throw new IllegalArgumentException("the final learning-rate fraction must be in [0, 1], got "
                    + finalRateFraction);
        }
        if (decay == RateDecay.CONSTANT) {
            finalRateFraction = 1; // no decay: the last step runs at the peak, whatever was given
        }
    }

    /** Linear warm-up over {@code warmup} steps to a constant rate; EMA warm-up. */
    public static OptimiserSchedule warmup(long warmup) {
        return new OptimiserSchedule(warmup, RateDecay.CONSTANT, 1, true);
    }

    /** Linear warm-up over {@code warmup} steps, then a cosine to {@code finalFraction} of the peak; EMA warm-up. */
    public static OptimiserSchedule warmupCosine(long warmup, double finalFraction) {
        return new OptimiserSchedule(warmup, RateDecay.COSINE, finalFraction, true);
    }

    /** η(n)/η at optimiser step {@code n} (1-based) of a run of {@code totalSteps}. */
    public double rateFactor(long n, long totalSteps) {
        double warm = warmupSteps == 0 ? 1 : Math.min(1.0, (double) n / warmupSteps);
        if (decay == RateDecay.CONSTANT) {
            return warm;
        }
        double span = totalSteps - warmupSteps;
        double p = span <= 0 ? 1 : Math.min(1.0, Math.max(0.0, (n - warmupSteps) / span));
        return warm * (finalRateFraction + (1 - finalRateFraction) * 0.5 * (1 + Math.cos(Math.PI * p)));
    }

    /** The EMA decay used at optimiser step {@code n} (1-based) when the configured decay is {@code decay}. */
    public double emaDecay(double decay, long n) {
        return emaWarmup ? Math.min(decay, (1.0 + n) / (10.0 + n)) : decay;
    }

    /** A few words for summaries: "constant", "warm-up 200 + cosine to 0.05, EMA warm-up". */
    public String summary() {
        StringBuilder s = new StringBuilder();
        if (warmupSteps > 0) {
            s.append("warm-up ").append(warmupSteps).append(" + ");
        }
        s.append(decay == RateDecay.CONSTANT ? "constant" : "cosine to " + finalRateFraction);
        if (emaWarmup) {
            s.append(", EMA warm-up");
        }
        return s.toString();
    }
}
