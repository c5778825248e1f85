package org.diffusionplayground.scene.lens;

import java.awt.Color;
import java.util.Locale;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.lens.ProbabilityCurrent;
import org.diffusionplayground.model.reference.DensityFrame;
import org.diffusionplayground.model.reference.FokkerPlanckOptions;
import org.diffusionplayground.model.reference.FokkerPlanckResult;
import org.diffusionplayground.model.reference.FokkerPlanckSolver;
import org.diffusionplayground.model.reference.Region;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.ProgressListener;
import org.diffusionplayground.render.Colormap;
import org.diffusionplayground.render.SceneLayers.Arrows;
import org.diffusionplayground.render.SceneLayers.ColorScale;
import org.diffusionplayground.render.SceneLayers.LegendEntry;
import org.diffusionplayground.render.SceneLayers.VectorField;
import org.diffusionplayground.render.SceneSnapshot;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.scene.SceneLegend;
import org.diffusionplayground.scene.SceneOverlays;

/**
 * The probability-current lens for one solved density (MATH.md §7.3): at time t, the quiver of J/q from
 * the Fokker–Planck grid (normalised arrows, colour = speed) and, to scale, the difference
 * J/q − v_PF = (g²/2)(s_θ − ∇log q_t) in red. No JavaFX: the window, exports and the headless render use it.
 */
public final class CurrentView {

    /** Grid of the lens: coarser than the NLL's (docs/results.md), fine enough for arrows 26 to a side. */
    public static final FokkerPlanckOptions GRID = new FokkerPlanckOptions(96, 192, 8, 0.1, 0.4, 6);
    /** Density frames kept for the animation, evenly in log-SNR from T to t_min. */
    public static final int FRAMES = 60;
    /** Arrows per side of the quiver. */
    static final int COLUMNS = 26;
    /** Below this fraction of the peak density J/q is not drawn: log q is noise there. */
    static final double FLOOR = 1e-3;
    static final Color DIFFERENCE = Theme.OKABE_ITO[5];

    private final Schedule schedule;
    private final ScoreModel score;
    private final FokkerPlanckResult.Marginal density;

    public CurrentView(Schedule schedule, ScoreModel score, FokkerPlanckResult.Marginal density) {
        this.schedule = schedule;
        this.score = score;
        this.density = density;
    }

    /** Solves the model's density q_t^𝔥 on the lens's {@link #GRID}, keeping {@link #FRAMES} frames. */
    public static CurrentView solve(Schedule schedule, ScoreModel score, PointSet data, double h,
            ProgressListener progress, Cancellation cancel) {
        return solve(schedule, score, data, h, GRID, progress, cancel);
    }

    /** The same on another grid (tests use a coarse one). */
    public static CurrentView solve(Schedule schedule, ScoreModel score, PointSet data, double h,
            FokkerPlanckOptions grid, ProgressListener progress, Cancellation cancel) {
        FokkerPlanckResult r = new FokkerPlanckSolver(schedule, score, grid).solve(Region.around(data, 0.05),
                new double[] {h}, PointSet.of(new double[0]), FRAMES, progress, cancel);
        return new CurrentView(schedule, score, r.marginal(h));
    }

    public double h() {
        return density.h();
    }

    /** Both velocity fields at time t on the quiver's nodes over the grid's region. */
    public ProbabilityCurrent.Field field(double t) {
        DensityFrame q = density.densityAt(t);
        Region r = q.region();
        double[] nodes = new double[2 * COLUMNS * COLUMNS];
        for (int j = 0; j < COLUMNS; j++) {
            for (int i = 0; i < COLUMNS; i++) {
                nodes[2 * (j * COLUMNS + i)] = r.minX() + (i + 0.5) * (r.maxX() - r.minX()) / COLUMNS;
                nodes[2 * (j * COLUMNS + i) + 1] = r.minY() + (j + 0.5) * (r.maxY() - r.minY()) / COLUMNS;
            }
        }
        return ProbabilityCurrent.at(q, schedule, score, nodes, FLOOR);
    }

    public SceneOverlays overlay() {
        return (b, legend, t, h) -> contribute(b, legend, t);
    }

    private void contribute(SceneSnapshot.Builder b, SceneLegend legend, double t) {
        ProbabilityCurrent.Field f = field(t);
        int n = f.size();
        double[] xs = new double[COLUMNS];
        double[] ys = new double[COLUMNS];
        for (int i = 0; i < COLUMNS; i++) {
            xs[i] = f.nodes()[2 * i];
            ys[i] = f.nodes()[2 * (i * COLUMNS) + 1];
        }
        double[] u = new double[n];
        double[] v = new double[n];
        double max = 0;
        for (int k = 0; k < n; k++) {
            if (f.resolved()[k]) {
                u[k] = f.current()[2 * k];
                v[k] = f.current()[2 * k + 1];
                max = Math.max(max, Math.hypot(u[k], v[k]));
            }
        }
        if (max == 0) {
            return;
        }
        b.field(new VectorField(xs, ys, u, v, "J/q"), new ColorScale(Colormap.CIVIDIS, 0, Math.log1p(max),
                String.format(Locale.ROOT, "log(1 + |J/q|), t = %.2f", t)));
        // the difference to scale: the fastest current would span 0.8 of the spacing between arrows
        double spacing = Math.min(xs[1] - xs[0], ys[1] - ys[0]);
        double scale = 0.8 * spacing / max;
        double[] d = f.difference();
        float[] seg = new float[4 * n];
        int m = 0;
        for (int k = 0; k < n; k++) {
            if (f.resolved()[k] && Math.hypot(d[2 * k], d[2 * k + 1]) * scale > 0.05 * spacing) {
                double x = f.nodes()[2 * k];
                double y = f.nodes()[2 * k + 1];
                seg[4 * m] = (float) x;
                seg[4 * m + 1] = (float) y;
                seg[4 * m + 2] = (float) (x + scale * d[2 * k]);
                seg[4 * m + 3] = (float) (y + scale * d[2 * k + 1]);
                m++;
            }
        }
        if (m > 0) {
            b.arrows(new Arrows(java.util.Arrays.copyOf(seg, 4 * m), DIFFERENCE, 1.8f, 0.9f));
        }
        legend.add("J/q: velocity of the probability current (grid)", Colormap.CIVIDIS.color(0.7),
                LegendEntry.Shape.ARROW);
        legend.add(String.format(Locale.ROOT, "J/q − v_PF, to scale: ‖s_θ − ∇log q‖/‖s_θ‖ = %.1f %%",
                100 * f.relativeDifference()), DIFFERENCE, LegendEntry.Shape.ARROW);
    }
}
