package org.diffusionplayground.model.data;

import java.util.random.RandomGenerator;

/**
 * A mixture of isotropic 2-D Gaussians Σ_k w_k N(μ_k, v_k I). Data sets that are mixtures expose
 * theirs, which gives the exact score under any schedule (MATH.md §6.2) and exact NLLs. A variance of
 * zero is allowed: the empirical measure of a point cloud is the mixture of its points.
 */
public record GaussianMixture(double[] weights, double[] means, double[] variances) {

    public GaussianMixture {
        int k = weights.length;
        if (k == 0 || means.length != 2 * k || variances.length != k) {
            throw new IllegalArgumentException("mixture needs k weights, 2k mean coordinates and k variances");
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            if (!(weights[i] > 0) || !(variances[i] >= 0) || !Double.isFinite(variances[i])) {
                throw new IllegalArgumentException("component " + i + " has an invalid weight or variance");
            }
            sum += weights[i];
        }
        weights = weights.clone();
        for (int i = 0; i < k; i++) {
            weights[i] /= sum;
        }
        means = means.clone();
        variances = variances.clone();
    }

    /** The empirical measure of a point cloud: equal weights, zero variance. */
    public static GaussianMixture empirical(PointSet points) {
        int n = points.size();
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0);
        return new GaussianMixture(w, points.toArray(), new double[n]);
    }

    /** Component k alone, as a mixture of one. */
    public GaussianMixture component(int k) {
        return new GaussianMixture(new double[] {1}, new double[] {meanX(k), meanY(k)}, new double[] {variances[k]});
    }

    public int components() {
        return weights.length;
    }

    public double weight(int k) {
        return weights[k];
    }

    public double meanX(int k) {
        return means[2 * k];
    }

    public double meanY(int k) {
        return means[2 * k + 1];
    }

    public double variance(int k) {
        return variances[k];
    }

    /** log density at (x, y) in nats; only defined when every variance is positive. */
    public double logDensity(double x, double y) {
        double max = Double.NEGATIVE_INFINITY;
        double[] a = new double[components()];
        for (int k = 0; k < components(); k++) {
            double v = variances[k];
            double dx = x - meanX(k);
            double dy = y - meanY(k);
            a[k] = Math.log(weights[k]) - Math.log(2 * Math.PI * v) - (dx * dx + dy * dy) / (2 * v);
            max = Math.max(max, a[k]);
        }
        double s = 0;
        for (double ak : a) {
            s += Math.exp(ak - max);
        }
        return max + Math.log(s);
    }

    /** Draws n points; component k is chosen with probability w_k. */
    public PointSet sample(int n, RandomGenerator rng) {
        double[] xy = new double[2 * n];
        double[] cdf = new double[components()];
        double c = 0;
        for (int k = 0; k < components(); k++) {
            c += weights[k];
            cdf[k] = c;
        }
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble() * c;
            int k = 0;
            while (k < cdf.length - 1 && cdf[k] < u) {
                k++;
            }
            double s = Math.sqrt(variances[k]);
            xy[2 * i] = meanX(k) + s * rng.nextGaussian();
            xy[2 * i + 1] = meanY(k) + s * rng.nextGaussian();
        }
        return PointSet.adopt(xy);
    }
}
