package org.diffusionplayground.model.likelihood;

import org.diffusionplayground.model.data.PointSet;

/**
 * Per-point results of a likelihood computation at 𝔥 = 0 and its first-order correction
 * (MATH.md §4–§5): log q₀⁰(x₀) in nats, the WKB coefficient C(x₀) so that
 * log q₀^𝔥 = log q₀⁰ + 𝔥·C + O(𝔥²), and, for checks, ∇ log q and Δ log q at x₀.
 *
 * <p>A point that failed carries its {@link PointFailure}: the pass and the reason. It keeps what the
 * passes before that one computed — a point whose backward pass failed still has its NLL and counts in
 * the NLL mean — and is counted, never silently dropped: {@link Summary} reports how many points each
 * mean has and how many failed.
 *
 * <p>Sign conventions: NLL = −log q (nats per sample); the first-order correction to the NLL is −C.
 */
public record LikelihoodResult(PointSet points, double[] logQ0, double[] correction, double[] correctionDeltaXForm,
        double[] gradLogQ0, double[] laplacianLogQ0, PointFailure[] failure, long memberEvaluations,
        double seconds) {

    public int size() {
        return logQ0.length;
    }

    /** Whether point i has its log q₀⁰ (its PF-ODE pass succeeded). */
    public boolean ok(int i) {
        return failure[i] == null || failure[i].pass() != PointFailure.Pass.PF_ODE;
    }

    /** Whether point i has its C in the adjoint form (every pass up to the backward one succeeded). */
    public boolean correctionOk(int i) {
        return correction != null && (failure[i] == null || failure[i].pass() == PointFailure.Pass.DELTA_X);
    }

    /** Whether point i also has its C in the δx form. */
    public boolean deltaXFormOk(int i) {
        return correctionDeltaXForm != null && failure[i] == null;
    }

    /** Point i's status in words: "converged", or which pass failed and why. */
    public String status(int i) {
        return failure[i] == null ? "converged" : "failed in " + failure[i];
    }

    public boolean hasCorrection() {
        return correction != null;
    }

    /** Points without a log-likelihood (their PF-ODE failed). */
    public int failures() {
        return count(PointFailure.Pass.PF_ODE);
    }

    /** Points with a log-likelihood but without C (their backward pass failed). */
    public int correctionFailures() {
        return count(PointFailure.Pass.BACKWARD);
    }

    /** Points with C in the adjoint form but not in the δx form. */
    public int deltaXFormFailures() {
        return count(PointFailure.Pass.DELTA_X);
    }

    private int count(PointFailure.Pass pass) {
        int n = 0;
        for (PointFailure f : failure) {
            if (f != null && f.pass() == pass) {
                n++;
            }
        }
        return n;
    }

    /** Means with standard errors: the NLL over the points that have it, C over the points that have C. */
    public Summary summary() {
        int n = 0;
        int nc = 0;
        double sumNll = 0;
        double sumNll2 = 0;
        double sumC = 0;
        double sumC2 = 0;
        for (int i = 0; i < size(); i++) {
            if (ok(i)) {
                n++;
                double nll = -logQ0[i];
                sumNll += nll;
                sumNll2 += nll * nll;
            }
            if (correctionOk(i)) {
                nc++;
                sumC += correction[i];
                sumC2 += correction[i] * correction[i];
            }
        }
        double meanNll = n == 0 ? Double.NaN : sumNll / n;
        double meanC = nc == 0 ? Double.NaN : sumC / nc;
        return new Summary(meanNll, standardError(sumNll2, meanNll, n), meanC, standardError(sumC2, meanC, nc), n,
                failures(), correction == null ? 0 : nc, correctionFailures());
    }

    /**
     * The spread of C over the points that succeeded, for the cases the mean hides. On some trained models
     * a handful of held-out points sit where the PF density q⁰ has a cliff (∇ log q⁰ of 10³ and more, growing
     * exponentially along the backward pass), and their C, of order |∇ℓ|², outweighs the other 995 points
     * together — and is no longer stable under the solver tolerance (docs/results.md). The trimmed mean and
     * the median say what the bulk of the points does.
     *
     * @param trimmedMean the mean after dropping {@value #TRIM} of the points at each end
     * @param median      the median
     * @param maxAbs      the largest |C|
     * @param beyond100   points with |C| > 100 (a C of 100 moves log q by 1 nat already at 𝔥 = 0.01)
     */
    public record CorrectionSpread(double trimmedMean, double median, double maxAbs, int beyond100) {
    }

    /**
     * C at the points that have it, in ascending order (every one finite: a non-finite C fails its point);
     * null without a correction.
     */
    public double[] sortedCorrection() {
        if (correction == null) {
            return null;
        }
        double[] c = new double[size()];
        int n = 0;
        for (int i = 0; i < size(); i++) {
            if (correctionOk(i)) {
                c[n++] = correction[i];
            }
        }
        double[] sorted = java.util.Arrays.copyOf(c, n);
        java.util.Arrays.sort(sorted);
        return sorted;
    }

    /** Fraction of the points dropped at each end for {@link CorrectionSpread#trimmedMean}. */
    public static final double TRIM = 0.01;

    /** The robust summaries of C; null without a correction or without a successful point. */
    public CorrectionSpread correctionSpread() {
        double[] sorted = sortedCorrection();
        int n = sorted == null ? 0 : sorted.length;
        if (n == 0) {
            return null;
        }
        int cut = (int) Math.floor(TRIM * n);
        double sum = 0;
        for (int i = cut; i < n - cut; i++) {
            sum += sorted[i];
        }
        double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
        int beyond = 0;
        for (double v : sorted) {
            beyond += Math.abs(v) > 100 ? 1 : 0;
        }
        return new CorrectionSpread(sum / (n - 2 * cut), median,
                Math.max(Math.abs(sorted[0]), Math.abs(sorted[n - 1])), beyond);
    }

    private static double standardError(double sumSquares, double mean, int n) {
        if (n < 2) {
            return Double.NaN;
        }
        double variance = Math.max(0, (sumSquares - n * mean * mean) / (n - 1));
        return Math.sqrt(variance / n);
    }

    /**
     * Aggregates: E[NLL] at 𝔥 = 0 over {@code count} points ({@code failed} had no log-likelihood) and
     * E[C] over {@code correctionCount} points ({@code correctionFailed} had an NLL but no C), each with its
     * standard error; NaN where no point has the value.
     */
    public record Summary(double meanNll, double seNll, double meanCorrection, double seCorrection, int count,
            int failed, int correctionCount, int correctionFailed) {

        /** The first-order correction to the NLL, −E[C] (the paper's table's "1st-corr"). */
        public double nllCorrection() {
            return -meanCorrection;
        }
    }
}
