package org.diffusionplayground.model.sampling;

/**
 * The Onsager–Machlup action of a discrete path under the 𝔥-process (Hirono, Tanaka & Fukushima, ICML 2024; MATH.md §3):
 * <pre>
 *   Ã_𝔥 ≈ Σ_k ‖Δx_k − F_𝔥(x_k, t_k) Δt_k‖² / (2 g(t_k)² |Δt_k|),     Δt_k = t_{k+1} − t_k
 * </pre>
 * so the path weight is Q_𝔥 ∝ exp(−Ã_𝔥/𝔥) q_T(x_T). For an Euler–Maruyama path at its own 𝔥 every term
 * is 𝔥‖z_k‖²/2; at 𝔥 = 0 the action of a PF-ODE path is zero (the "classical" path).
 */
public final class PathAction {

    private PathAction() {
    }

    /**
     * Action of one particle's path: {@code times[k]} and positions {@code path[2k], path[2k+1]},
     * k = 0..K, under {@code process}.
     */
    public static double of(ReverseProcess process, double[] times, double[] path) {
        int k = times.length;
        if (path.length != 2 * k) {
            throw new IllegalArgumentException("a path needs one position per time");
        }
        double[] f = new double[2];
        double[] s = new double[2];
        double[] p = new double[2];
        double action = 0;
        for (int j = 0; j + 1 < k; j++) {
            double dt = times[j + 1] - times[j];
            p[0] = path[2 * j];
            p[1] = path[2 * j + 1];
            process.drift(times[j], p, 1, f, s);
            double rx = path[2 * j + 2] - p[0] - f[0] * dt;
            double ry = path[2 * j + 3] - p[1] - f[1] * dt;
            action += (rx * rx + ry * ry) / (2 * process.schedule().g2(times[j]) * Math.abs(dt));
        }
        return action;
    }
}
