package org.diffusionplayground.model.train;

import org.diffusionplayground.model.score.Target;

import java.util.random.RandomGenerator;
import org.diffusionplayground.model.schedule.Schedule;

/**
 * Draws the diffusion times of a batch and the factor λ(t)/p(t) of each term (MATH.md §2), with p the
 * density of t relative to the uniform one on [t_min, T] — so for the uniform weightings the factor is
 * just λ(t), and every weighting estimates the same objective E_{t~U} λ(t) E‖s_θ + ε/σ‖².
 *
 * <p>Importance sampling ({@link Weighting#G2_IMPORTANCE}): for any linear SDE
 * g² = dσ²/dt − 2(d log α/dt)σ², so g²/σ² = d/dt log(σ²/α²) and "t ∝ g²/σ²" means u = log(σ_t²/α_t²)
 * is uniform. The inverse t(u) is tabulated on {@value #TABLE_CELLS} cells and linearly interpolated;
 * the factor uses the exact density of that piecewise-linear map (piecewise constant in t), so the
 * estimator stays unbiased however coarse the table.
 */
final class TimeSampler {

    /** Points of the paper's time grid, linspace(t_min, T, 1000). */
    static final int GRID_POINTS = 1000;
    static final int TABLE_CELLS = 4096;

    private final Schedule schedule;
    private final Weighting weighting;
    private final TimeSampling sampling;
    private final double tMin;
    private final double tMax;
    private final double[] tableT;
    private final double[] tableU;

    TimeSampler(Schedule schedule, Weighting weighting, TimeSampling sampling) {
        this.schedule = schedule;
        this.weighting = weighting;
        this.sampling = sampling;
        this.tMin = schedule.tMin();
        this.tMax = schedule.tMax();
        if (weighting == Weighting.G2_IMPORTANCE) {
            tableT = new double[TABLE_CELLS + 1];
            tableU = new double[TABLE_CELLS + 1];
            for (int j = 0; j <= TABLE_CELLS; j++) {
                double t = j == TABLE_CELLS ? tMax : tMin + (tMax - tMin) * j / TABLE_CELLS;
                tableT[j] = t;
                tableU[j] = 2 * Math.log(schedule.sigma(t)) - 2 * Math.log(schedule.alpha(t));
            }
        } else {
            tableT = null;
            tableU = null;
        }
    }

    /** t of grid index k: linspace(t_min, T, 1000)[k]. */
    double gridTime(int k) {
        return k == GRID_POINTS - 1 ? tMax : tMin + (tMax - tMin) * k / (GRID_POINTS - 1);
    }

    /** λ(t) of the weighting. */
    double lambda(double t) {
        return switch (weighting) {
            case SIGMA2 -> schedule.variance(t);
            case G2, G2_IMPORTANCE -> schedule.g2(t);
            case FLOW_MATCHING -> {
                double a = Target.VELOCITY.outputScale(schedule, t);
                yield 1 / (a * a);
            }
        };
    }

    /**
     * Fills t[0..n), the factors λ/p and, for the grid, the grid index of each t (−1 otherwise).
     */
    void draw(RandomGenerator rng, int n, double[] t, double[] lambdaOverP, int[] gridIndex) {
        if (weighting == Weighting.G2_IMPORTANCE) {
            drawImportance(rng, n, t, lambdaOverP, gridIndex);
            return;
        }
        for (int i = 0; i < n; i++) {
            if (sampling == TimeSampling.GRID_1000) {
                int k = rng.nextInt(GRID_POINTS);
                gridIndex[i] = k;
                t[i] = gridTime(k);
            } else {
                gridIndex[i] = -1;
                t[i] = tMin + (tMax - tMin) * rng.nextDouble();
            }
            lambdaOverP[i] = lambda(t[i]);
        }
    }

    private void drawImportance(RandomGenerator rng, int n, double[] t, double[] lambdaOverP, int[] gridIndex) {
        double u0 = tableU[0];
        double span = tableU[TABLE_CELLS] - u0;
        for (int i = 0; i < n; i++) {
            double u = u0 + span * rng.nextDouble();
            int j = cellOf(u);
            double du = tableU[j + 1] - tableU[j];
            double dt = tableT[j + 1] - tableT[j];
            double ti = tableT[j] + (u - tableU[j]) / du * dt;
            t[i] = Math.min(tMax, Math.max(tMin, ti));
            // density of t relative to U[t_min, T]: (du/dt)/span · (T − t_min)
            double relDensity = du / dt / span * (tMax - tMin);
            lambdaOverP[i] = schedule.g2(t[i]) / relDensity;
            gridIndex[i] = -1;
        }
    }

    /** The table cell j with tableU[j] ≤ u ≤ tableU[j+1] (binary search; u is increasing in t). */
    private int cellOf(double u) {
        int lo = 0;
        int hi = TABLE_CELLS - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (tableU[mid] <= u) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
