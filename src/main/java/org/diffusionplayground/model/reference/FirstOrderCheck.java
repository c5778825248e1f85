package org.diffusionplayground.model.reference;

import java.util.ArrayList;
import java.util.List;
import org.diffusionplayground.model.likelihood.LikelihoodResult;

/**
 * The paper's first-order claim checked against the exact answer, point by point (MATH.md §5, §6.3):
 * log q₀^𝔥(x) = log q₀⁰(x) + 𝔥·C(x) + O(𝔥²), with C from the WKB backward pass and log q₀^𝔥 from the
 * Fokker–Planck grid at the same held-out points.
 *
 * <p>The comparison is paired. The NLL of 1 000 points scatters by ≈ 0.05 nats from one draw to the
 * next, far more than NLL(𝔥) − NLL(0) for small 𝔥; the per-point change −[log q^𝔥(x) − log q⁰(x)] on the
 * same points has a standard error small enough to see whether the line is the tangent (it must be)
 * and how far from 0 it stays close to the curve (a property of the model, not of the theory).
 *
 * @param count    points where the ODE pass and every grid solution succeeded (all means are over these)
 * @param meanC    E[C] over them; the slope of the NLL line is −E[C]
 * @param seC      standard error of E[C]
 * @param exactNll0 the grid's NLL at 𝔥 = 0 on the same points (nats per point)
 * @param rows     one per 𝔥 > 0 of the grid solution, in its order
 */
public record FirstOrderCheck(int count, double meanC, double seC, double exactNll0, List<Row> rows) {

    /**
     * One 𝔥.
     *
     * @param h               the 𝔥
     * @param exactNll        the grid's NLL(𝔥)
     * @param exactDelta      NLL(𝔥) − NLL(0) from the grid, paired over the points
     * @param exactDeltaSe    its standard error
     * @param firstOrderDelta −𝔥·E[C], the line's prediction of the same difference
     * @param gapSe           standard error of exactDelta − firstOrderDelta (paired: −Δlog q_i − 𝔥 C_i)
     * @param secantSlope     E[(log q^𝔥 − log q⁰)/𝔥]: tends to E[C] as 𝔥 → 0
     * @param slopeCorrelation correlation over the points of the per-point secant slope with C(x)
     * @param exactNllGridError  the grid's error bar on exactNll ({@link FokkerPlanckResult.Marginal#gridError})
     * @param exactDeltaGridError the grid's error bar on exactDelta (the change of the paired difference from the
     *                          half-resolution solve); NaN when the grid made no error estimate
     */
    public record Row(double h, double exactNll, double exactDelta, double exactDeltaSe, double firstOrderDelta,
            double gapSe, double secantSlope, double slopeCorrelation, double exactNllGridError,
            double exactDeltaGridError) {

        /** exactDelta − firstOrderDelta: how far the curve has left its tangent. */
        public double gap() {
            return exactDelta - firstOrderDelta;
        }

        /** The gap in standard errors (NaN when the standard error is 0). */
        public double gapInSe() {
            return gapSe > 0 ? gap() / gapSe : Double.NaN;
        }
    }

    /**
     * Pairs a likelihood result with correction and a grid solution on the same points (which must include
     * 𝔥 = 0).
     */
    public static FirstOrderCheck of(LikelihoodResult wkb, FokkerPlanckResult grid) {
        if (!wkb.hasCorrection()) {
            throw new IllegalArgumentException("the likelihood result has no first-order correction C");
        }
        if (wkb.size() != grid.points().size()) {
            throw new IllegalArgumentException("the likelihood result and the grid were computed on different points ("
                    + wkb.size() + " and " + grid.points().size() + ")");
        }
        FokkerPlanckResult.Marginal zero = grid.marginal(0);
        int n = wkb.size();
        boolean[] use = new boolean[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            boolean ok = wkb.correctionOk(i);
            for (FokkerPlanckResult.Marginal m : grid.marginals()) {
                ok &= m.ok(i);
            }
            use[i] = ok;
            count += ok ? 1 : 0;
        }
        if (count < 2) {
            throw new IllegalArgumentException("fewer than two points were evaluated by both the ODE and the grid");
        }
        double[] c = wkb.correction();
        Moments cm = new Moments();
        Moments nll0 = new Moments();
        for (int i = 0; i < n; i++) {
            if (use[i]) {
                cm.add(c[i]);
                nll0.add(-zero.logQ()[i]);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (FokkerPlanckResult.Marginal m : grid.marginals()) {
            double h = m.h();
            if (h == 0) {
                continue;
            }
            Moments nll = new Moments();
            Moments delta = new Moments();
            Moments gap = new Moments();
            Moments slope = new Moments();
            double sumSc = 0;
            for (int i = 0; i < n; i++) {
                if (use[i]) {
                    double dLogQ = m.logQ()[i] - zero.logQ()[i];
                    nll.add(-m.logQ()[i]);
                    delta.add(-dLogQ);
                    gap.add(-dLogQ + h * c[i]);
                    slope.add(dLogQ / h);
                    sumSc += (dLogQ / h) * c[i];
                }
            }
            double cov = sumSc / count - slope.mean() * cm.mean();
            double corr = cov / Math.sqrt(slope.variance() * cm.variance());
            rows.add(new Row(h, nll.mean(), delta.mean(), delta.se(), -h * cm.mean(), gap.se(), slope.mean(), corr,
                    m.gridError(), m.gridErrorOfDifference(zero)));
        }
        return new FirstOrderCheck(count, cm.mean(), cm.se(), nll0.mean(), List.copyOf(rows));
    }

    /** Running mean and population variance (two passes are not needed at these sizes: values are O(10)). */
    private static final class Moments {
        private double sum;
        private double sumSq;
        private int n;

        void add(double v) {
            sum += v;
            sumSq += v * v;
            n++;
        }

        double mean() {
            return sum / n;
        }

        double variance() {
            return Math.max(0, sumSq / n - mean() * mean());
        }

        /** Standard error of the mean with the sample variance. */
        double se() {
            return n < 2 ? Double.NaN : Math.sqrt(variance() * n / (n - 1) / n);
        }
    }
}
