package org.diffusionplayground.scene;

import java.awt.Color;
import org.diffusionplayground.model.likelihood.PointLikelihood;
import org.diffusionplayground.render.SceneLayers.Arrows;
import org.diffusionplayground.render.SceneLayers.LegendEntry;
import org.diffusionplayground.render.SceneLayers.Marker;
import org.diffusionplayground.render.SceneLayers.Polyline;
import org.diffusionplayground.render.SceneSnapshot;
import org.diffusionplayground.render.Theme;

/**
 * A clicked point's likelihood on the scene: its probability-flow ODE path drawn backward, from x_T at the prior
 * to x₀ (the way the sampler would bring it there), arrows of ∇ log q_t⁰ along it, and markers at x_T, x₀ and
 * at x(t) for the time the scene shows. In world coordinates, so an exported frame shows it as the window does.
 */
public final class PointLikelihoodView {

    /** Arrows along the path, evenly spaced in arc length. */
    static final int ARROWS = 10;
    /** World length of the longest arrow on a long path; on a short one a third of the path, but at least 0.08. */
    static final double ARROW_LENGTH = 0.2;
    private static final Color PATH = Theme.OKABE_ITO[5];
    private static final Color GRADIENT = Theme.OKABE_ITO[2];

    private PointLikelihoodView() {
    }

    /** The path as drawn: x(t) from T down to t_min, interleaved — x_T first, x₀ last. */
    public static float[] backwardPath(PointLikelihood p) {
        int n = p.size();
        float[] xy = new float[2 * n];
        for (int i = 0; i < n; i++) {
            int from = n - 1 - i;
            xy[2 * i] = (float) p.path()[2 * from];
            xy[2 * i + 1] = (float) p.path()[2 * from + 1];
        }
        return xy;
    }

    /**
     * Arrows of ∇ log q_t⁰ at {@link #ARROWS} points evenly spaced along the path, pointing where the density
     * grows. Near t_min the gradient is orders of magnitude larger than near T (a narrow mode), so the length
     * grows with log(1 + |∇ log q|), the longest {@link #ARROW_LENGTH} (less on a short path, so the arrows do not
     * bury it): direction is exact, length an ordering.
     */
    public static float[] gradientArrows(PointLikelihood p) {
        double[] g = p.gradLogQ();
        int n = p.size();
        if (g == null || n < 2) {
            return new float[0];
        }
        double[] arc = new double[n];
        for (int i = 1; i < n; i++) {
            arc[i] = arc[i - 1] + Math.hypot(p.path()[2 * i] - p.path()[2 * i - 2], p.path()[2 * i + 1] - p.path()[2 * i - 1]);
        }
        int[] at = new int[ARROWS];
        double longest = 0;
        for (int a = 0; a < ARROWS; a++) {
            double target = arc[n - 1] * (a + 0.5) / ARROWS;
            int i = 0;
            while (i < n - 1 && arc[i] < target) {
                i++;
            }
            at[a] = i;
            longest = Math.max(longest, Math.log1p(Math.hypot(g[2 * i], g[2 * i + 1])));
        }
        double scale = Math.max(0.08, Math.min(ARROW_LENGTH, arc[n - 1] / 3));
        float[] seg = new float[4 * ARROWS];
        int m = 0;
        for (int i : at) {
            double norm = Math.hypot(g[2 * i], g[2 * i + 1]);
            if (!(norm > 0) || !Double.isFinite(norm)) {
                continue;
            }
            double length = scale * Math.log1p(norm) / longest;
            double x = p.path()[2 * i];
            double y = p.path()[2 * i + 1];
            seg[4 * m] = (float) x;
            seg[4 * m + 1] = (float) y;
            seg[4 * m + 2] = (float) (x + length * g[2 * i] / norm);
            seg[4 * m + 3] = (float) (y + length * g[2 * i + 1] / norm);
            m++;
        }
        return java.util.Arrays.copyOf(seg, 4 * m);
    }

    /** Adds the path, its arrows and markers to a frame at time t. */
    public static void draw(SceneSnapshot.Builder b, SceneLegend legend, PointLikelihood p, double t) {
        b.marker(new Marker(p.x(), p.y(), PATH, "x₀"));
        if (p.size() < 2) {
            return; // the PF-ODE pass failed: the point, no path
        }
        b.trail(new Polyline(backwardPath(p), PATH, 2.2f, 0.95f));
        legend.add("PF-ODE path of the clicked point, x_T → x₀", PATH, LegendEntry.Shape.LINE);
        float[] arrows = gradientArrows(p);
        if (arrows.length > 0) {
            b.arrows(new Arrows(arrows, GRADIENT, 1.8f, 0.95f));
            legend.add("∇log q_t along it (length ∝ log(1 + |∇log q_t|))", GRADIENT, LegendEntry.Shape.ARROW);
        }
        int n = p.size();
        b.marker(new Marker(p.path()[2 * n - 2], p.path()[2 * n - 1], PATH, "x(T)"));
        double[] xt = at(p, t);
        if (xt != null) {
            b.marker(new Marker(xt[0], xt[1], GRADIENT, "x(t)"));
        }
    }

    /** x(t) on the path, linear between its points; null outside (t_min, T). */
    static double[] at(PointLikelihood p, double t) {
        double[] ts = p.times();
        int n = ts.length;
        if (n < 2 || !(t > ts[0] && t < ts[n - 1])) {
            return null;
        }
        int i = java.util.Arrays.binarySearch(ts, t);
        if (i >= 0) {
            return new double[] {p.path()[2 * i], p.path()[2 * i + 1]};
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double w = (t - ts[lo]) / (ts[hi] - ts[lo]);
        return new double[] {p.path()[2 * lo] + w * (p.path()[2 * hi] - p.path()[2 * lo]),
            p.path()[2 * lo + 1] + w * (p.path()[2 * hi + 1] - p.path()[2 * lo + 1])};
    }
}
