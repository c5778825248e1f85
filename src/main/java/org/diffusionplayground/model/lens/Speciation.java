package org.diffusionplayground.model.lens;

import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.sampling.TrajectoryRecorder;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;

/**
 * Symmetry breaking, or "speciation" (after Ambrogioni, and Biroli–Mézard; MATH.md §7.4).
 * While t is large every particle could still become any mode: its posterior mode weights
 * w_k(x_t) = P(k | x_t) (the mixture's responsibilities) are spread, with assignment entropy
 * H = −Σ_k w_k ln w_k near ln K. Going backward, at a critical time the landscape −ln p_t splits and
 * each particle commits to one mode: H falls to 0.
 *
 * <p><b>The closed-form critical time.</b> Two equal isotropic Gaussians at ±μ (half-distance μ,
 * variance v) diffuse to p_t ∝ N(x; αμ, V) + N(x; −αμ, V), V = α²v + σ². Along the line through the
 * modes the curvature of −ln p_t at the midpoint is 1/V − (αμ)²/V², so the single well becomes a
 * double well exactly when
 * <pre>
 *   α_t² μ² = α_t² v + σ_t²,    i.e.  α_t² (μ² − v) = σ_t²,
 * </pre>
 * and with the signal-to-noise ratio m = αμ/√V the critical point is m = 1 (for VP: α_c² = 1/(1 + μ² − v)).
 * There the mean assignment entropy of p_t is H*(1) = E_{y ∼ N(1,1)} h(sigmoid(2y)), h the binary
 * entropy, since in units of √V the log-odds of the two modes are 2my.
 */
public final class Speciation {

    private Speciation() {
    }

    /** −Σ w_k ln w_k of one weight vector, in nats (0 ln 0 = 0). */
    public static double entropy(double[] w, int k) {
        double h = 0;
        for (int c = 0; c < k; c++) {
            if (w[c] > 0) {
                h -= w[c] * Math.log(w[c]);
            }
        }
        return h;
    }

    /** Mean assignment entropy of n particles at time t under the exact mixture's posterior weights. */
    public static double meanEntropy(MixtureScore exact, double t, double[] xy, int n) {
        int k = exact.mixture().components();
        double[] w = new double[k];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            exact.responsibilities(t, xy[2 * i], xy[2 * i + 1], w);
            sum += entropy(w, k);
        }
        return sum / n;
    }

    /**
     * Mean assignment entropy at every recorded frame of a backward run (frame k at time
     * {@code frames.time(k)}, decreasing).
     */
    public static double[] alongTrajectories(MixtureScore exact, TrajectoryRecorder frames) {
        double[] h = new double[frames.frames()];
        for (int k = 0; k < h.length; k++) {
            h[k] = meanEntropy(exact, frames.time(k), frames.frame(k), frames.particles());
        }
        return h;
    }

    /**
     * The critical time t_c in [t_min, T] where α²(μ² − v) = σ², for two equal Gaussians at half-distance
     * μ with variance v; NaN when the two wells never separate within [t_min, T] (μ² ≤ v, or still one
     * well at t_min) and T when they are separate over the whole interval.
     */
    public static double criticalTime(Schedule schedule, double halfDistance, double variance) {
        double mu2 = halfDistance * halfDistance;
        if (!(mu2 > variance)) {
            return Double.NaN;
        }
        // gap(t) = α²(μ² − v) − σ²: positive means double well; it decreases with t for VP and VE
        java.util.function.DoubleUnaryOperator gap = t -> {
            double a = schedule.alpha(t);
            return a * a * (mu2 - variance) - schedule.variance(t);
        };
        double lo = schedule.tMin();
        double hi = schedule.tMax();
        if (gap.applyAsDouble(lo) <= 0) {
            return Double.NaN;
        }
        if (gap.applyAsDouble(hi) >= 0) {
            return hi;
        }
        return new BracketingNthOrderBrentSolver(1e-14, 1e-14, 5).solve(200, gap::applyAsDouble, lo, hi);
    }

    /**
     * The critical time of the two components {@code a} and {@code b} of the data mixture, treated as
     * an isolated equal pair (half their distance, the mean of their variances). For a mixture of many
     * modes it is the estimate for that pair alone.
     */
    public static double criticalTime(MixtureScore exact, int a, int b) {
        var m = exact.mixture();
        double half = 0.5 * Math.hypot(m.meanX(a) - m.meanX(b), m.meanY(a) - m.meanY(b));
        return criticalTime(exact.schedule(), half, 0.5 * (m.variance(a) + m.variance(b)));
    }

    /** H*(m): the mean assignment entropy of two equal Gaussians at signal-to-noise ratio m (64-point Gauss–Hermite). */
    public static double pairEntropy(double m) {
        var rule = new org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory().hermite(64);
        double sum = 0;
        for (int q = 0; q < rule.getNumberOfPoints(); q++) {
            // ∫ e^{−u²} f(u) du with y = m + √2 u
            double y = m + Math.sqrt(2) * rule.getPoint(q);
            double p = 1 / (1 + Math.exp(-2 * m * y));
            double h = 0;
            if (p > 0 && p < 1) {
                h = -p * Math.log(p) - (1 - p) * Math.log1p(-p);
            }
            sum += rule.getWeight(q) * h;
        }
        return sum / Math.sqrt(Math.PI);
    }

    /** The pair's signal-to-noise ratio m(t) = α μ / √(α² v + σ²); m = 1 at the critical time. */
    public static double signalToNoise(Schedule schedule, double t, double halfDistance, double variance) {
        double a = schedule.alpha(t);
        return a * halfDistance / Math.sqrt(a * a * variance + schedule.variance(t));
    }

    /**
     * The potential U(s) = −ln p_t(x(s)) along the line x(s) = (1 − s)·A + s·B through two points A and B
     * (modes at s = 0 and 1; {@code points} values of s evenly from {@code sFrom} to {@code sTo}).
     * The modes of p_t sit at α_t times the data modes, so callers pass α_t·μ_a and α_t·μ_b to follow
     * them as t changes.
     */
    public static double[] potentialAlongLine(MixtureScore exact, double t, double ax, double ay, double bx,
            double by, double sFrom, double sTo, int points) {
        double[] u = new double[points];
        for (int j = 0; j < points; j++) {
            double s = points == 1 ? sFrom : sFrom + (sTo - sFrom) * j / (points - 1);
            u[j] = -exact.logDensity(t, (1 - s) * ax + s * bx, (1 - s) * ay + s * by);
        }
        return u;
    }
}
