package org.diffusionplayground.model.lens;

import org.diffusionplayground.model.util.Estimate;

/**
 * The integral fluctuation theorem ⟨e^{−Δs}⟩ = 1 and the second law ⟨Δs⟩ ≥ 0 measured on a sample of
 * paths (MATH.md §7.3).
 *
 * <p><b>Heavy tails.</b> e^{−Δs} is dominated by rare entropy-consuming paths. For a VP schedule
 * e^{−Δs} = (p_b/φ)(x_b) · (φ/p_a)(x_a) with φ = N(0, I), whose second moment is infinite when the
 * widest component of p_a has variance below ½ (φ²/p_a is then not integrable); for VE (no confining
 * drift) it is always infinite. The sample mean then still converges to 1, but slowly and from below,
 * and the normal confidence interval means little. The effective sample size
 * (Σw)²/Σw² of the weights w = e^{−Δs} says how many paths actually carry the average, and the Hill
 * estimate k̂ of the weights' tail index (as in Pareto-smoothed importance sampling, Vehtari et al.
 * 2015: k̂ &gt; ½ means an infinite variance) says whether the interval can be trusted. Both are
 * empirical: a tail that begins beyond every sampled path goes unseen, which is why the lens also
 * states the VP criterion above.
 *
 * @param paths                number of paths
 * @param exponential          ⟨e^{−Δs}⟩ with its standard error
 * @param total                ⟨Δs⟩ with its standard error
 * @param effectiveSampleSize  (Σ e^{−Δs})² / Σ e^{−2Δs}
 * @param tailIndex            Hill estimate k̂ of the tail index of e^{−Δs} (NaN for fewer than 25 paths)
 * @param entropyConsuming     fraction of paths with Δs &lt; 0
 */
public record FluctuationCheck(int paths, Estimate exponential, Estimate total, double effectiveSampleSize,
        double tailIndex, double entropyConsuming) {

    /** Below this effective sample size the confidence interval of ⟨e^{−Δs}⟩ is not to be trusted. */
    public static final double RELIABLE_ESS = 100;

    public static FluctuationCheck of(double[] totals) {
        int n = totals.length;
        double[] w = new double[n];
        double sum = 0;
        double sum2 = 0;
        int negative = 0;
        for (int i = 0; i < n; i++) {
            w[i] = Math.exp(-totals[i]);
            sum += w[i];
            sum2 += w[i] * w[i];
            if (totals[i] < 0) {
                negative++;
            }
        }
        double ess = sum2 > 0 && Double.isFinite(sum2) ? sum * sum / sum2 : 0;
        return new FluctuationCheck(n, Estimate.of(w), Estimate.of(totals), ess, hillTailIndex(totals),
                (double) negative / n);
    }

    /**
     * Hill's estimator of k = 1/(tail exponent) of w = e^{−Δs} from its M = min(n/5, 3√n) largest values
     * (PSIS's choice of M): the mean of ln(w_(i) / w_(M+1)) over the top M.
     */
    static double hillTailIndex(double[] totals) {
        int n = totals.length;
        if (n < 25) {
            return Double.NaN;
        }
        double[] logW = new double[n];
        for (int i = 0; i < n; i++) {
            logW[i] = -totals[i];
        }
        java.util.Arrays.sort(logW);
        int m = (int) Math.min(n / 5, Math.floor(3 * Math.sqrt(n)));
        double threshold = logW[n - m - 1];
        double sum = 0;
        for (int i = n - m; i < n; i++) {
            sum += logW[i] - threshold;
        }
        return sum / m;
    }

    /**
     * True when the interval means something: enough effective paths and a tail light enough for a
     * finite variance (k̂ &lt; ½).
     */
    public boolean reliable() {
        return effectiveSampleSize >= RELIABLE_ESS && tailIndex < 0.5;
    }
}
