package org.diffusionplayground.model.score;

import org.diffusionplayground.model.data.GaussianMixture;
import org.diffusionplayground.model.schedule.Schedule;

/**
 * The exact score of a Gaussian mixture pushed through the forward process (MATH.md §6.2): every
 * component stays Gaussian, p_t = Σ_k w_k N(α_t μ_k, (α_t² v_k + σ_t²) I), so
 * <pre>
 *   ∇log p_t(x) = Σ_k r_k(x) (α_t μ_k − x) / (α_t² v_k + σ_t²),   r_k = softmax_k(log w_k N(x; ...)).
 * </pre>
 * With zero variances this is the empirical score of a point cloud, the "perfect model" that
 * memorises its training set. Jets come from exact Taylor arithmetic on log p_t.
 */
public final class MixtureScore implements ScoreModel {

    private final GaussianMixture mixture;
    private final Schedule schedule;
    private final String label;

    public MixtureScore(GaussianMixture mixture, Schedule schedule, String label) {
        this.mixture = mixture;
        this.schedule = schedule;
        this.label = label;
    }

    public GaussianMixture mixture() {
        return mixture;
    }

    /** The forward process the mixture is diffused by. */
    public Schedule schedule() {
        return schedule;
    }

    @Override
    public String describe() {
        return label;
    }

    /** The diffused mixture p_t itself: components N(α_t μ_k, (α_t² v_k + σ_t²) I) with the same weights. */
    public GaussianMixture marginal(double t) {
        double a = schedule.alpha(t);
        double s2 = schedule.variance(t);
        int k = mixture.components();
        double[] w = new double[k];
        double[] means = new double[2 * k];
        double[] v = new double[k];
        for (int c = 0; c < k; c++) {
            w[c] = mixture.weight(c);
            means[2 * c] = a * mixture.meanX(c);
            means[2 * c + 1] = a * mixture.meanY(c);
            v[c] = a * a * mixture.variance(c) + s2;
        }
        return new GaussianMixture(w, means, v);
    }

    /** log p_t(x, y) of the diffused mixture, in nats. */
    public double logDensity(double t, double x, double y) {
        double a = schedule.alpha(t);
        double s2 = schedule.variance(t);
        int k = mixture.components();
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[k];
        for (int c = 0; c < k; c++) {
            double v = a * a * mixture.variance(c) + s2;
            double dx = x - a * mixture.meanX(c);
            double dy = y - a * mixture.meanY(c);
            terms[c] = Math.log(mixture.weight(c)) - Math.log(2 * Math.PI * v) - (dx * dx + dy * dy) / (2 * v);
            max = Math.max(max, terms[c]);
        }
        double sum = 0;
        for (double term : terms) {
            sum += Math.exp(term - max);
        }
        return max + Math.log(sum);
    }

    /**
     * Posterior component weights r_k(x) at time t (the "mode assignment" of MATH.md §7.4), into
     * {@code out[0..K)}.
     */
    public void responsibilities(double t, double x, double y, double[] out) {
        double a = schedule.alpha(t);
        double s2 = schedule.variance(t);
        int k = mixture.components();
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double v = a * a * mixture.variance(c) + s2;
            double dx = x - a * mixture.meanX(c);
            double dy = y - a * mixture.meanY(c);
            out[c] = Math.log(mixture.weight(c)) - Math.log(v) - (dx * dx + dy * dy) / (2 * v);
            max = Math.max(max, out[c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            out[c] = Math.exp(out[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < k; c++) {
            out[c] /= sum;
        }
    }

    @Override
    public void score(double t, double[] xy, int n, double[] out) {
        double a = schedule.alpha(t);
        double s2 = schedule.variance(t);
        int k = mixture.components();
        double[] logNorm = new double[k];
        double[] invVar = new double[k];
        for (int c = 0; c < k; c++) {
            double v = a * a * mixture.variance(c) + s2;
            invVar[c] = 1 / v;
            logNorm[c] = Math.log(mixture.weight(c)) - Math.log(v);
        }
        org.diffusionplayground.model.util.Parallel.forBlocks(n, 256, (from, to) -> {
            double[] logits = new double[k];
            for (int i = from; i < to; i++) {
                double x = xy[2 * i];
                double y = xy[2 * i + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double dx = x - a * mixture.meanX(c);
                    double dy = y - a * mixture.meanY(c);
                    logits[c] = logNorm[c] - 0.5 * (dx * dx + dy * dy) * invVar[c];
                    max = Math.max(max, logits[c]);
                }
                double sum = 0;
                double sx = 0;
                double sy = 0;
                for (int c = 0; c < k; c++) {
                    double r = Math.exp(logits[c] - max);
                    sum += r;
                    sx += r * (a * mixture.meanX(c) - x) * invVar[c];
                    sy += r * (a * mixture.meanY(c) - y) * invVar[c];
                }
                out[2 * i] = sx / sum;
                out[2 * i + 1] = sy / sum;
            }
        });
    }

    @Override
    public void jets(double[] t, double[] xy, int n, int order, ScoreJets out) {
        out.ensureCapacity(n);
        org.diffusionplayground.model.util.Parallel.forBlocks(n, 16, (from, to) -> {
            double[] term = new double[Taylor2.SIZE];
            double[] e = new double[Taylor2.SIZE];
            double[] sum = new double[Taylor2.SIZE];
            double[] logp = new double[Taylor2.SIZE];
            double[] s1 = new double[Taylor2.SIZE];
            double[] s2 = new double[Taylor2.SIZE];
            for (int i = from; i < to; i++) {
                logDensityPolynomial(t[i], xy[2 * i], xy[2 * i + 1], term, e, sum, logp, s1, s2);
                Taylor2.scoreJetsFromLogDensity(logp, out.data(), i * ScoreJets.STRIDE, order);
            }
        });
    }

    /** Taylor polynomial of log p_t around (x, y): log-sum-exp of the quadratic component log-densities. */
    private void logDensityPolynomial(double t, double x, double y, double[] term, double[] e, double[] sum,
            double[] logp, double[] s1, double[] s2) {
        double a = schedule.alpha(t);
        double var = schedule.variance(t);
        int k = mixture.components();
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, componentValue(c, a, var, x, y));
        }
        java.util.Arrays.fill(sum, 0.0);
        for (int c = 0; c < k; c++) {
            double v = a * a * mixture.variance(c) + var;
            double dx = x - a * mixture.meanX(c);
            double dy = y - a * mixture.meanY(c);
            java.util.Arrays.fill(term, 0.0);
            term[0] = componentValue(c, a, var, x, y) - max;
            term[Taylor2.index(1, 0)] = -dx / v;
            term[Taylor2.index(0, 1)] = -dy / v;
            term[Taylor2.index(2, 0)] = -0.5 / v;
            term[Taylor2.index(0, 2)] = -0.5 / v;
            Taylor2.exp(term, e, s1, s2);
            for (int q = 0; q < Taylor2.SIZE; q++) {
                sum[q] += e[q];
            }
        }
        Taylor2.log(sum, logp);
        logp[0] += max;
    }

    private double componentValue(int c, double a, double var, double x, double y) {
        double v = a * a * mixture.variance(c) + var;
        double dx = x - a * mixture.meanX(c);
        double dy = y - a * mixture.meanY(c);
        return Math.log(mixture.weight(c)) - Math.log(2 * Math.PI * v) - (dx * dx + dy * dy) / (2 * v);
    }
}
