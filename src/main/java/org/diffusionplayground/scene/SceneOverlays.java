package org.diffusionplayground.scene;

import org.diffusionplayground.render.SceneSnapshot;

/**
 * Layers that other parts of the app add to the scene at time t (the density heatmap from the
 * Fokker–Planck grid, the lenses). Plugins rather than flags inside the scene view-model (ChartFx's
 * plugin idea, STYLE.md).
 */
@FunctionalInterface
public interface SceneOverlays {

    SceneOverlays NONE = (builder, legend, t, h) -> { };

    void contribute(SceneSnapshot.Builder builder, SceneLegend legend, double t, double h);

    default SceneOverlays and(SceneOverlays other) {
        return (builder, legend, t, h) -> {
            contribute(builder, legend, t, h);
            other.contribute(builder, legend, t, h);
        };
    }
}
