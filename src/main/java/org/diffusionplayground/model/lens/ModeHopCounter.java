package org.diffusionplayground.model.lens;

import java.util.Arrays;
import org.diffusionplayground.model.sampling.StepObserver;
import org.diffusionplayground.model.score.MixtureScore;

/**
 * Watches particles move and counts mode hops: each particle belongs to the component with the largest
 * posterior weight r_k(x) at the counter's time t (MATH.md §7.4), and a hop is a change of that label
 * between two observed steps. Keeps the cumulative count after every step and the current occupancy
 * of each mode, so a lecturer can compare a fixed-level Langevin chain (hardly any hops at small t) with
 * the annealed sampler (modes filled in the right proportions). Observe one run at a time.
 */
public final class ModeHopCounter implements StepObserver {

    private final MixtureScore mixture;
    private final double t;
    private int[] labels = new int[0];
    private long[] history = new long[64];
    private int observed;
    private long hops;

    /** Assignments by the posterior weights of {@code mixture} at time {@code t}. */
    public ModeHopCounter(MixtureScore mixture, double t) {
        this.mixture = mixture;
        this.t = t;
    }

    @Override
    public void onStep(int step, double time, double[] xy, int n) {
        int[] now = assign(mixture, t, xy, n);
        if (observed > 0) {
            int common = Math.min(n, labels.length);
            for (int i = 0; i < common; i++) {
                if (now[i] != labels[i]) {
                    hops++;
                }
            }
        }
        labels = now;
        if (observed == history.length) {
            history = Arrays.copyOf(history, 2 * history.length);
        }
        history[observed++] = hops;
    }

    /** The most probable component of each particle: argmax_k r_k(x_i) at time t. */
    public static int[] assign(MixtureScore mixture, double t, double[] xy, int n) {
        int k = mixture.mixture().components();
        int[] out = new int[n];
        double[] r = new double[k];
        for (int i = 0; i < n; i++) {
            mixture.responsibilities(t, xy[2 * i], xy[2 * i + 1], r);
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (r[c] > r[best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** Total hops so far. */
    public long hops() {
        return hops;
    }

    /** Cumulative hop count after each observed step (entry 0 is the start: 0). */
    public long[] history() {
        return Arrays.copyOf(history, observed);
    }

    /** Fraction of the particles currently in each mode. */
    public double[] occupancy() {
        double[] f = new double[mixture.mixture().components()];
        for (int label : labels) {
            f[label] += 1.0 / labels.length;
        }
        return f;
    }

    /**
     * Total-variation distance ½ Σ_k |occupancy_k − w_k| between where the particles are and where the
     * mixture's weights say they should be: 0 for a sampler that got the proportions right.
     */
    public double weightError() {
        double[] f = occupancy();
        double tv = 0;
        for (int c = 0; c < f.length; c++) {
            tv += Math.abs(f[c] - mixture.mixture().weight(c));
        }
        return 0.5 * tv;
    }
}
