package org.diffusionplayground.scene;

import java.util.List;
import java.util.Locale;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.PointSet;
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
import org.diffusionplayground.render.SceneLayers.ColorScale;
import org.diffusionplayground.render.SceneLayers.LegendEntry;
import org.diffusionplayground.render.SceneLayers.ScalarGrid;

/**
 * The density q_t^𝔥 of the sampler on a Fokker–Planck grid (MATH.md §6), drawn as a heatmap under the
 * particles at the frame's t: log density over the top {@value #LOG_RANGE} e-folds, lower densities left
 * clear. One solution is one 𝔥; frames of another 𝔥 get nothing. The window's density overlay, its videos
 * and {@code playground render} all draw this layer.
 */
public final class DensityLayer implements SceneOverlays {

    /** The overlay's name in presets ({@code view.overlays}). */
    public static final String OVERLAY_ID = "density";
    /** Density frames kept from T to t_min: an animation shows the nearest (≈ 8 changes per second). */
    static final int FRAMES = 48;
    /** Range shown below the peak, in e-folds of density. */
    static final double LOG_RANGE = 9;

    private final FokkerPlanckResult.Marginal marginal;
    private final double h;
    private final ColorScale scale;
    /** One grid per frame, made once: the scene's renderer caches a heatmap by identity. */
    private final ScalarGrid[] grids;

    private DensityLayer(FokkerPlanckResult.Marginal marginal, double h, ColorScale scale) {
        this.marginal = marginal;
        this.h = h;
        this.scale = scale;
        this.grids = new ScalarGrid[marginal.frames().size()];
    }

    /** Solves q_t^𝔥 from the prior at T on a grid around the data (the work of a background job). */
    public static DensityLayer solve(Schedule schedule, ScoreModel score, DataSet data, double h,
            FokkerPlanckOptions grid, ProgressListener progress, Cancellation cancel) {
        Region box = Region.around(data.points(), 0.05);
        FokkerPlanckResult.Marginal m = new FokkerPlanckSolver(schedule, score, grid)
                .solve(box, new double[] {h}, PointSet.of(new double[0]), FRAMES, progress, cancel).marginal(h);
        double peak = 0;
        for (DensityFrame f : m.frames()) {
            peak = Math.max(peak, f.max());
        }
        double top = Math.log(Math.max(peak, 1e-300));
        return new DensityLayer(m, h, new ColorScale(Colormap.INFERNO, top - LOG_RANGE, top,
                String.format(Locale.ROOT, "log density, 𝔥 = %.2f", h)));
    }

    /** The same solution with a grid cache of its own, for frames drawn on another thread (a video). */
    public DensityLayer copy() {
        return new DensityLayer(marginal, h, scale);
    }

    @Override
    public void contribute(org.diffusionplayground.render.SceneSnapshot.Builder builder, SceneLegend legend,
            double t, double frameH) {
        if (frameH == h) {
            builder.heatmap(gridAt(t), scale);
            legend.add("density of the sampler (grid)", Colormap.INFERNO.color(0.7), LegendEntry.Shape.BAR);
        }
    }

    /** The heatmap of the kept frame nearest to t. */
    private ScalarGrid gridAt(double t) {
        List<DensityFrame> frames = marginal.frames();
        int best = 0;
        for (int k = 1; k < frames.size(); k++) {
            if (Math.abs(frames.get(k).t() - t) < Math.abs(frames.get(best).t() - t)) {
                best = k;
            }
        }
        if (grids[best] == null) {
            DensityFrame f = frames.get(best);
            Region r = f.region();
            grids[best] = new ScalarGrid(r.minX(), r.maxX(), r.minY(), r.maxY(), f.n(), f.n(), f.values(),
                    "model density", true);
        }
        return grids[best];
    }
}
