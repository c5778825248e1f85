package org.diffusionplayground.scene;

import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.render.Colormap;
import org.diffusionplayground.render.SceneLayers.ColorScale;
import org.diffusionplayground.render.SceneLayers.VectorField;
import org.diffusionplayground.render.SceneSnapshot;

/**
 * A quiver of a score field over the visible region at time t: normalised arrows, magnitude by colour
 * on a log1p scale (scores span decades as t → t_min), with its colour bar.
 */
final class FieldOverlay {

    private static final int COLUMNS = 26;

    private final double[] xs;
    private final double[] ys;
    private final double[] nodes;

    FieldOverlay(double cx, double cy, double halfSize, double aspect) {
        double hx = aspect >= 1 ? halfSize * aspect : halfSize;
        double hy = aspect >= 1 ? halfSize : halfSize / aspect;
        int rows = Math.max(4, (int) Math.round(COLUMNS * hy / hx));
        xs = new double[COLUMNS];
        ys = new double[rows];
        for (int i = 0; i < COLUMNS; i++) {
            xs[i] = cx - hx + (i + 0.5) * 2 * hx / COLUMNS;
        }
        for (int j = 0; j < rows; j++) {
            ys[j] = cy - hy + (j + 0.5) * 2 * hy / rows;
        }
        nodes = new double[2 * COLUMNS * rows];
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < COLUMNS; i++) {
                nodes[2 * (j * COLUMNS + i)] = xs[i];
                nodes[2 * (j * COLUMNS + i) + 1] = ys[j];
            }
        }
    }

    void add(SceneSnapshot.Builder b, ScoreModel score, double t, String label) {
        int n = nodes.length / 2;
        double[] s = new double[2 * n];
        score.score(t, nodes, n, s);
        double[] u = new double[n];
        double[] v = new double[n];
        double max = 0;
        for (int k = 0; k < n; k++) {
            u[k] = s[2 * k];
            v[k] = s[2 * k + 1];
            double m = Math.hypot(u[k], v[k]);
            if (Double.isFinite(m)) {
                max = Math.max(max, m);
            }
        }
        b.field(new VectorField(xs, ys, u, v, label),
                new ColorScale(Colormap.CIVIDIS, 0, Math.log1p(max), "log(1 + |" + label.split(" ")[0] + "|), t = "
                        + String.format(java.util.Locale.ROOT, "%.2f", t)));
    }
}
