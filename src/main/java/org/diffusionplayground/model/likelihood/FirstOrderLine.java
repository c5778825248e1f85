package org.diffusionplayground.model.likelihood;

/**
 * The first-order prediction of the negative log-likelihood as a function of 𝔥 (MATH.md §5),
 * <pre>
 *   NLL(𝔥) ≈ E[−log q₀⁰(x₀)] − 𝔥 · E[C(x₀)],
 * </pre>
 * with the standard error of that mean at every 𝔥. The per-point values −log q₀⁰(x_i) − 𝔥 C(x_i) of one
 * evaluation are correlated between 𝔥 values (same points), so the error is taken from their own
 * spread: Var = Var[a] − 2𝔥 Cov[a, C] + 𝔥² Var[C] with a = −log q₀⁰, divided by n.
 *
 * @param meanNll  E[NLL] at 𝔥 = 0 (nats per sample)
 * @param meanC    E[C]; the first-order correction to the NLL is −E[C]
 * @param varNll   sample variance of the per-point NLL at 𝔥 = 0
 * @param covNllC  sample covariance of per-point NLL and C
 * @param varC     sample variance of C
 * @param count    points that entered: those with both log q₀⁰ and C (the others are counted as failures in
 *                 {@link LikelihoodResult#summary()})
 */
public record FirstOrderLine(double meanNll, double meanC, double varNll, double covNllC, double varC, int count) {

    /** From a result with the correction; throws when it has none or no point succeeded. */
    public static FirstOrderLine of(LikelihoodResult r) {
        if (!r.hasCorrection()) {
            throw new IllegalArgumentException("the first-order line needs the correction C");
        }
        int n = 0;
        double sa = 0;
        double sc = 0;
        for (int i = 0; i < r.size(); i++) {
            if (r.correctionOk(i)) {
                n++;
                sa += -r.logQ0()[i];
                sc += r.correction()[i];
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no point of the likelihood computation succeeded");
        }
        double ma = sa / n;
        double mc = sc / n;
        double vaa = 0;
        double vac = 0;
        double vcc = 0;
        for (int i = 0; i < r.size(); i++) {
            if (r.correctionOk(i)) {
                double da = -r.logQ0()[i] - ma;
                double dc = r.correction()[i] - mc;
                vaa += da * da;
                vac += da * dc;
                vcc += dc * dc;
            }
        }
        double d = Math.max(1, n - 1);
        return new FirstOrderLine(ma, mc, vaa / d, vac / d, vcc / d, n);
    }

    /** NLL(0) − 𝔥·E[C]. */
    public double nll(double h) {
        return meanNll - h * meanC;
    }

    /**
     * Standard error of the line's change NLL(𝔥) − NLL(0) = −𝔥·E[C] alone, 𝔥·sd(C)/√n: the uncertainty that
     * remains when the line is compared with another curve on the same points (the exact NLL(𝔥)), whose
     * NLL(0) shares the scatter of the points.
     */
    public double slopeStandardError(double h) {
        return count < 2 ? Double.NaN : h * Math.sqrt(varC / count);
    }

    /** Standard error of {@link #nll(double)} over the points (NaN with fewer than 2 points). */
    public double standardError(double h) {
        if (count < 2) {
            return Double.NaN;
        }
        double v = varNll - 2 * h * covNllC + h * h * varC;
        return Math.sqrt(Math.max(0, v) / count);
    }
}
