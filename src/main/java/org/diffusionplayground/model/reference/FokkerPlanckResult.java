package org.diffusionplayground.model.reference;

import java.util.List;
import org.diffusionplayground.model.data.PointSet;

/**
 * What a {@link FokkerPlanckSolver} run gives: for every 𝔥 the exact (to grid accuracy, with the grid's error
 * bar) log q_{t_min}^𝔥 at the evaluation points and the density frames it kept, plus the cost.
 *
 * @param points            the evaluation points (held-out data)
 * @param marginals         one entry per 𝔥, in the order asked
 * @param finalCells        cells per axis at t_min (after adaptive refinement)
 * @param macroSteps        macro time steps (one score evaluation on the grid each)
 * @param scoreCalls        calls of the score model (one per macro step, plus one per refinement)
 * @param scorePoints       points the score was evaluated at, in total
 * @param priorMassOutside  mass of the prior q_T outside the domain at T (renormalised away)
 * @param seconds           wall time
 */
public record FokkerPlanckResult(PointSet points, List<Marginal> marginals, int finalCells, int macroSteps,
        long scoreCalls, long scorePoints, double priorMassOutside, double seconds) {

    public Marginal marginal(double h) {
        for (Marginal m : marginals) {
            if (m.h() == h) {
                return m;
            }
        }
        throw new IllegalArgumentException("no solution for 𝔥 = " + h);
    }

    /**
     * Rows {𝔥, E[NLL], standard error over the points, grid error}: the exact NLL(𝔥) curve with both of its
     * error bars (the grid error is NaN when the solve made no error estimate).
     */
    public double[][] nllCurve() {
        double[][] rows = new double[marginals.size()][];
        for (int k = 0; k < rows.length; k++) {
            Marginal m = marginals.get(k);
            rows[k] = new double[] {m.h(), m.meanNll(), m.seNll(), m.gridError()};
        }
        return rows;
    }

    /**
     * The solution for one 𝔥.
     *
     * @param h                 the 𝔥 of the process
     * @param logQ              log q_{t_min}^𝔥 at each point (nats); NaN where {@code failure} says why
     * @param failure           null where the point was evaluated, else the reason (outside the domain,
     *                          density below what the grid resolves)
     * @param coarseLogQ        log q_{t_min}^𝔥 at the same points from the solve at half the resolution in
     *                          space and time (the error estimate), or null when none was made
     * @param massError         |Σ q dA − 1| at t_min: round-off of the conservative scheme
     * @param boundaryMass      mass in the outermost ring of cells at t_min: if not tiny, the domain was too
     *                          small for this model's density (zero-flux walls held mass back)
     * @param substeps          explicit advection substeps taken
     * @param frames            kept density frames, from T down to t_min
     */
    public record Marginal(double h, double[] logQ, String[] failure, double[] coarseLogQ, double massError,
            double boundaryMass, long substeps, List<DensityFrame> frames) {

        public boolean ok(int i) {
            return failure[i] == null;
        }

        public int count() {
            int n = 0;
            for (String f : failure) {
                if (f == null) {
                    n++;
                }
            }
            return n;
        }

        public int failed() {
            return logQ.length - count();
        }

        /** E[NLL] = −mean log q over the points that were evaluated (NaN if none). */
        public double meanNll() {
            double s = 0;
            int n = 0;
            for (int i = 0; i < logQ.length; i++) {
                if (ok(i)) {
                    s -= logQ[i];
                    n++;
                }
            }
            return n == 0 ? Double.NaN : s / n;
        }

        /**
         * The grid's error bar on {@link #meanNll()}, from the change of every point's log q between the solve at
         * half the resolution in space and time and this one, δ_i = log q_half − log q (docs/MATH.md §6.3):
         * |mean δ| + 2·s.e.(δ). |mean δ| is the Richardson estimate: for a scheme of order p the remaining error
         * is |mean δ|/(2^p − 1), so it bounds the error whenever that falls at least linearly with the cell
         * size. The per-point changes scatter and partly cancel in the mean (on the bundled swiss roll they are
         * ±0.01–0.04 while their mean is 4e-5), so the bar adds twice their standard error: the mean of
         * per-point errors of that size can be off by that much by chance. docs/results.md checks the bar
         * against exact answers. NaN without an error estimate.
         */
        public double gridError() {
            if (coarseLogQ == null) {
                return Double.NaN;
            }
            double[] change = new double[logQ.length];
            boolean[] use = new boolean[logQ.length];
            for (int i = 0; i < logQ.length; i++) {
                use[i] = ok(i) && Double.isFinite(coarseLogQ[i]);
                change[i] = use[i] ? coarseLogQ[i] - logQ[i] : 0;
            }
            return bound(change, use);
        }

        /**
         * The grid's error bar on the paired difference NLL(𝔥′) − NLL(𝔥) of two solutions on the same points
         * ({@code other} is 𝔥′), built like {@link #gridError()} from the change of every point's difference
         * between the half-resolution solve and this one (the errors common to both cancel).
         */
        public double gridErrorOfDifference(Marginal other) {
            if (coarseLogQ == null || other.coarseLogQ == null) {
                return Double.NaN;
            }
            double[] change = new double[logQ.length];
            boolean[] use = new boolean[logQ.length];
            for (int i = 0; i < logQ.length; i++) {
                use[i] = ok(i) && other.ok(i) && Double.isFinite(coarseLogQ[i]) && Double.isFinite(other.coarseLogQ[i]);
                change[i] = use[i] ? (other.logQ[i] - logQ[i]) - (other.coarseLogQ[i] - coarseLogQ[i]) : 0;
            }
            return bound(change, use);
        }

        /** The grid's error bar on −log q at point i: |log q − log q_half| (NaN without an estimate or value). */
        public double pointGridError(int i) {
            return coarseLogQ == null || !ok(i) ? Double.NaN : Math.abs(logQ[i] - coarseLogQ[i]);
        }

        /** |mean| + 2 s.e. of the used changes (NaN if none; no s.e. term for a single point). */
        private static double bound(double[] change, boolean[] use) {
            double sum = 0;
            int n = 0;
            for (int i = 0; i < change.length; i++) {
                if (use[i]) {
                    sum += change[i];
                    n++;
                }
            }
            if (n == 0) {
                return Double.NaN;
            }
            double mean = sum / n;
            double ss = 0;
            for (int i = 0; i < change.length; i++) {
                if (use[i]) {
                    ss += (change[i] - mean) * (change[i] - mean);
                }
            }
            double se = n < 2 ? 0 : Math.sqrt(ss / (n - 1) / n);
            return Math.abs(mean) + 2 * se;
        }

        /** Standard error of {@link #meanNll()}. */
        public double seNll() {
            double mean = meanNll();
            double s = 0;
            int n = 0;
            for (int i = 0; i < logQ.length; i++) {
                if (ok(i)) {
                    double d = -logQ[i] - mean;
                    s += d * d;
                    n++;
                }
            }
            return n < 2 ? Double.NaN : Math.sqrt(s / (n - 1) / n);
        }

        /**
         * The density at time t: the kept frame at t, or the linear interpolation between the two kept
         * frames around t (the nearer one when their grids differ after a refinement).
         */
        public DensityFrame densityAt(double t) {
            if (frames.isEmpty()) {
                throw new IllegalStateException("no density frames were kept for 𝔥 = " + h);
            }
            DensityFrame first = frames.get(0);
            DensityFrame last = frames.get(frames.size() - 1);
            if (t >= first.t()) {
                return first;
            }
            if (t <= last.t()) {
                return last;
            }
            for (int k = 0; k + 1 < frames.size(); k++) {
                DensityFrame a = frames.get(k);
                DensityFrame b = frames.get(k + 1);
                if (t <= a.t() && t >= b.t()) {
                    if (a.n() != b.n()) {
                        return a.t() - t < t - b.t() ? a : b;
                    }
                    return DensityFrame.between(a, b, t);
                }
            }
            return last;
        }
    }
}
