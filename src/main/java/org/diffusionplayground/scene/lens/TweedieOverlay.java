package org.diffusionplayground.scene.lens;

import java.awt.Color;
import org.diffusionplayground.model.lens.TweedieDenoiser;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.render.SceneLayers.Arrows;
import org.diffusionplayground.render.SceneLayers.LegendEntry;
import org.diffusionplayground.render.SceneLayers.PointCloud;
import org.diffusionplayground.render.SceneSnapshot;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.scene.SceneLegend;
import org.diffusionplayground.scene.SceneOverlays;

/**
 * The Tweedie lens on the scene: for every particle shown at time t its denoised guess E[x₀ | x_t] as a
 * ring, and for the first {@link #ARROWS} particles an arrow from the particle to its guess.
 */
public final class TweedieOverlay implements SceneOverlays {

    /** Arrows drawn: enough to see the flow, few enough not to bury the particles. */
    public static final int ARROWS = 150;
    static final Color COLOUR = Theme.OKABE_ITO[0];

    private final TweedieDenoiser denoiser;

    public TweedieOverlay(Schedule schedule, ScoreModel score) {
        this.denoiser = new TweedieDenoiser(schedule, score);
    }

    @Override
    public void contribute(SceneSnapshot.Builder b, SceneLegend legend, double t, double h) {
        double[] xt = b.particles();
        int n = b.particleCount();
        if (xt == null || n == 0) {
            return;
        }
        double[] x0 = new double[2 * n];
        denoiser.denoise(t, xt, n, x0);
        b.ghosts(new PointCloud(x0, n, COLOUR, 0.5f));
        int m = Math.min(n, ARROWS);
        float[] seg = new float[4 * m];
        for (int i = 0; i < m; i++) {
            seg[4 * i] = (float) xt[2 * i];
            seg[4 * i + 1] = (float) xt[2 * i + 1];
            seg[4 * i + 2] = (float) x0[2 * i];
            seg[4 * i + 3] = (float) x0[2 * i + 1];
        }
        b.arrows(new Arrows(seg, COLOUR, 1.1f, 0.6f));
        legend.add("E[x₀ | x_t]: Tweedie's denoised guess", COLOUR, LegendEntry.Shape.DOT);
    }
}
