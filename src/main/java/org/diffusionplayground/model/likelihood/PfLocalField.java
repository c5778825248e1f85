package org.diffusionplayground.model.likelihood;

import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreJets;

/**
 * The probability-flow field f_PF = κx − ½g² s_θ and its x-derivatives at one point, from the score's
 * jets (MATH.md §4–§5). With q = ½g²:
 * <pre>
 *   f_i          = κ x_i − q s_i
 *   J_ij         = ∂_j f_i = κ δ_ij − q ∂_j s_i
 *   ∇·f          = 2κ − q ∇·s
 *   ∂_j(∇·f)     = −q ∂_j(∇·s)
 *   ∂_j∂_k(∇·f)  = −q ∂_j∂_k(∇·s)
 *   ∂_j∂_k f_i   = −q ∂_j∂_k s_i
 * </pre>
 * Mutable scratch, one per thread of work; {@link #load} fills it for a point.
 */
final class PfLocalField {

    double kappa;
    double q;
    final double[] s = new double[2];
    final double[] f = new double[2];
    /** J[i][j] = ∂_j f_i. */
    final double[][] jac = new double[2][2];
    double divS;
    double divF;
    final double[] gradDivF = new double[2];
    /** ∂_j∂_k (∇·f), symmetric. */
    final double[][] hessDivF = new double[2][2];
    /** ∂_j∂_k f_i as hessF[i][j][k]. */
    final double[][][] hessF = new double[2][2][2];

    /** Loads the field at point p of {@code jets} (order ≥ 1; the higher parts need order 3). */
    void load(Schedule schedule, double t, double x, double y, ScoreJets jets, int p, int order) {
        kappa = schedule.kappa(t);
        q = 0.5 * schedule.g2(t);
        s[0] = jets.value(p, 0);
        s[1] = jets.value(p, 1);
        f[0] = kappa * x - q * s[0];
        f[1] = kappa * y - q * s[1];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                jac[i][j] = (i == j ? kappa : 0) - q * jets.jacobian(p, i, j);
            }
        }
        divS = jets.divergence(p);
        divF = 2 * kappa - q * divS;
        if (order < 2) {
            return;
        }
        for (int j = 0; j < 2; j++) {
            gradDivF[j] = -q * jets.gradDivergence(p, j);
            for (int i = 0; i < 2; i++) {
                for (int k = 0; k < 2; k++) {
                    hessF[i][j][k] = -q * jets.hessian(p, i, j, k);
                }
            }
        }
        if (order < 3) {
            return;
        }
        for (int j = 0; j < 2; j++) {
            for (int k = 0; k < 2; k++) {
                hessDivF[j][k] = -q * jets.hessDivergence(p, j, k);
            }
        }
    }

    /**
     * d/dt of (∇ℓ, H) along ẋ = f_PF, for ℓ = log q_t⁰ (MATH.md §5):
     * <pre>
     *   d(∇ℓ)_j/dt  = −∂_j(∇·f) − Σ_i J_ij (∇ℓ)_i
     *   dH_jm/dt    = −∂_j∂_m(∇·f) − Σ_i J_ij H_im − Σ_i H_ji J_im − Σ_k (∇ℓ)_k ∂_j∂_m f_k
     * </pre>
     * Linear in (∇ℓ, H) for a given path: backward in time, where the flow contracts forward, these decay,
     * so the pass is stable as long as the path itself is not integrated backward (MATH.md §5).
     * State layout at {@code off}: Gx, Gy, Hxx, Hxy, Hyy; derivatives go to the same slots of {@code out}.
     */
    void logDensityDerivatives(double[] state, int off, double[] out) {
        double[] g = {state[off], state[off + 1]};
        double[][] h = {{state[off + 2], state[off + 3]}, {state[off + 3], state[off + 4]}};
        for (int j = 0; j < 2; j++) {
            out[off + j] = -gradDivF[j] - (jac[0][j] * g[0] + jac[1][j] * g[1]);
        }
        for (int e = 0; e < 3; e++) {
            int j = e == 2 ? 1 : 0;
            int m = e == 0 ? 0 : 1;
            double v = -hessDivF[j][m];
            for (int i = 0; i < 2; i++) {
                v -= jac[i][j] * h[i][m] + h[j][i] * jac[i][m] + g[i] * hessF[i][j][m];
            }
            out[off + 2 + e] = v;
        }
    }
}
