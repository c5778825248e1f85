package org.diffusionplayground.model.score;

/**
 * A score field s(x, t) ≈ ∇ₓ log p_t(x) in two dimensions (MATH.md §2). The trained network, the exact
 * mixture score, the empirical score and the Gaussian oracle's linear score all implement this, so the
 * samplers, the likelihood and the reference solvers never know which one they are given.
 *
 * <p>Points are interleaved {@code [x0, y0, x1, y1, ...]}; implementations must be safe to call from
 * several threads at once.
 */
public interface ScoreModel {

    /** s(x_i, t) for n points at one common time t, written interleaved into {@code out}. */
    void score(double t, double[] xy, int n, double[] out);

    /**
     * Value and input derivatives of s up to {@code order} (1, 2 or 3) at n points, each with its own
     * time {@code t[i]} (an adaptive ensemble ODE keeps one clock per point). The layout is
     * {@link ScoreJets}.
     */
    void jets(double[] t, double[] xy, int n, int order, ScoreJets out);

    /** s(x_i, t_i) with one time per point. The default groups nothing and is slow; networks override. */
    default void score(double[] t, double[] xy, int n, double[] out) {
        double[] p = new double[2];
        double[] s = new double[2];
        for (int i = 0; i < n; i++) {
            p[0] = xy[2 * i];
            p[1] = xy[2 * i + 1];
            score(t[i], p, 1, s);
            out[2 * i] = s[0];
            out[2 * i + 1] = s[1];
        }
    }

    /** A short description for legends and reports. */
    String describe();
}
