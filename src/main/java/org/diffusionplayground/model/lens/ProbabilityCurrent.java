package org.diffusionplayground.model.lens;

import org.diffusionplayground.model.reference.DensityFrame;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreModel;

/**
 * The probability current of a density on the Fokker–Planck grid (MATH.md §7.3). The forward
 * equation ∂_t q = −∇·J has J = f q − (g²/2)∇q, so the current's velocity is
 * <pre>
 *   J/q = f − (g²/2) ∇log q_t          (from the grid: ∇log q by central differences of log q)
 *   v_PF = f − (g²/2) s_θ              (the probability-flow ODE's velocity, {@link ReverseProcess} at 𝔥 = 0)
 *   J/q − v_PF = (g²/2) (s_θ − ∇log q_t)
 * </pre>
 * With the exact score and q_t = p_t the two velocities are the same field: the PF-ODE moves particles
 * along the current. With a learned score and q_t the model's own density (the grid solved with that
 * score), the difference is where the network's score is not the score of the density it produces —
 * the term that drives the WKB correction (MATH.md §5).
 */
public final class ProbabilityCurrent {

    private ProbabilityCurrent() {
    }

    /**
     * Both velocity fields at the nodes.
     *
     * @param t         the frame's time
     * @param current   J/q at each node, interleaved (0 where unresolved)
     * @param flow      v_PF at each node, interleaved
     * @param scoreTerm (g²/2) s_θ at each node, interleaved: the part of both velocities the score makes
     * @param density   q at each node
     * @param resolved  false where q is below the floor (or outside the grid): J/q is not defined there
     */
    public record Field(double t, double[] nodes, double[] current, double[] flow, double[] scoreTerm,
            double[] density, boolean[] resolved) {

        public int size() {
            return resolved.length;
        }

        /** J/q − v_PF = (g²/2)(s_θ − ∇log q) at each node (0 where unresolved). */
        public double[] difference() {
            double[] d = new double[current.length];
            for (int k = 0; k < resolved.length; k++) {
                if (resolved[k]) {
                    d[2 * k] = current[2 * k] - flow[2 * k];
                    d[2 * k + 1] = current[2 * k + 1] - flow[2 * k + 1];
                }
            }
            return d;
        }

        /**
         * (E_q‖J/q − v_PF‖² / E_q‖(g²/2) s_θ‖²)^½ = (E_q‖s_θ − ∇log q‖² / E_q‖s_θ‖²)^½ over the resolved nodes,
         * weighted by q: how far the score is from the score of its density where the density is, relative
         * to the score itself (a relative Fisher divergence); 0 for a score that is the score of its own
         * density. (Relative to v_PF itself it would blow up where f and the score term nearly cancel.)
         */
        public double relativeDifference() {
            double diff = 0;
            double ref = 0;
            double[] d = difference();
            for (int k = 0; k < resolved.length; k++) {
                if (resolved[k]) {
                    double w = density[k];
                    diff += w * (d[2 * k] * d[2 * k] + d[2 * k + 1] * d[2 * k + 1]);
                    ref += w * (scoreTerm[2 * k] * scoreTerm[2 * k] + scoreTerm[2 * k + 1] * scoreTerm[2 * k + 1]);
                }
            }
            return ref == 0 ? Double.NaN : Math.sqrt(diff / ref);
        }

        public int resolvedCount() {
            int n = 0;
            for (boolean b : resolved) {
                n += b ? 1 : 0;
            }
            return n;
        }
    }

    /**
     * J/q from {@code density} (a frame at time t) and the PF velocity of {@code score} at the nodes
     * (interleaved). ∇log q is taken by central differences of log q between neighbouring cells — exact
     * for a Gaussian, whose log-density is quadratic — and interpolated bilinearly to the nodes. Nodes
     * whose surrounding cells fall below {@code floor} × max q (there log q is noise) or off the grid are
     * left unresolved.
     */
    public static Field at(DensityFrame density, Schedule schedule, ScoreModel score, double[] nodes, double floor) {
        double t = density.t();
        int n = nodes.length / 2;
        double[] flow = new double[2 * n];
        double[] s = new double[2 * n];
        new ReverseProcess(schedule, score, 0.0).drift(t, nodes, n, flow, s);
        double kappa = schedule.kappa(t);
        double halfG2 = 0.5 * schedule.g2(t);
        double[] scoreTerm = new double[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            scoreTerm[i] = halfG2 * s[i];
        }
        int m = density.n();
        double dx = density.cellWidth();
        double dy = density.cellHeight();
        double threshold = Math.max(floor * density.max(), Double.MIN_NORMAL);
        // ∇log q at interior cell centres; NaN where a cell of the stencil is below the threshold
        double[] gx = new double[m * m];
        double[] gy = new double[m * m];
        java.util.Arrays.fill(gx, Double.NaN);
        java.util.Arrays.fill(gy, Double.NaN);
        for (int j = 1; j < m - 1; j++) {
            for (int i = 1; i < m - 1; i++) {
                double c = density.value(i, j);
                double e = density.value(i + 1, j);
                double w = density.value(i - 1, j);
                double no = density.value(i, j + 1);
                double so = density.value(i, j - 1);
                if (Math.min(c, Math.min(Math.min(e, w), Math.min(no, so))) < threshold) {
                    continue;
                }
                gx[j * m + i] = (Math.log(e) - Math.log(w)) / (2 * dx);
                gy[j * m + i] = (Math.log(no) - Math.log(so)) / (2 * dy);
            }
        }
        double[] current = new double[2 * n];
        double[] q = new double[n];
        boolean[] resolved = new boolean[n];
        double x0 = density.x(0);
        double y0 = density.y(0);
        for (int k = 0; k < n; k++) {
            double u = (nodes[2 * k] - x0) / dx;
            double v = (nodes[2 * k + 1] - y0) / dy;
            int i = (int) Math.floor(u);
            int j = (int) Math.floor(v);
            if (i < 0 || j < 0 || i + 1 >= m || j + 1 >= m) {
                continue;
            }
            double fu = u - i;
            double fv = v - j;
            double ax = bilinear(gx, m, i, j, fu, fv);
            double ay = bilinear(gy, m, i, j, fu, fv);
            if (Double.isNaN(ax) || Double.isNaN(ay)) {
                continue;
            }
            q[k] = density.at(nodes[2 * k], nodes[2 * k + 1]);
            current[2 * k] = kappa * nodes[2 * k] - halfG2 * ax;
            current[2 * k + 1] = kappa * nodes[2 * k + 1] - halfG2 * ay;
            resolved[k] = true;
        }
        return new Field(t, nodes.clone(), current, flow, scoreTerm, q, resolved);
    }

    private static double bilinear(double[] g, int m, int i, int j, double fu, double fv) {
        return (1 - fv) * ((1 - fu) * g[j * m + i] + fu * g[j * m + i + 1])
                + fv * ((1 - fu) * g[(j + 1) * m + i] + fu * g[(j + 1) * m + i + 1]);
    }
}
