package org.diffusionplayground.render;

import java.awt.Graphics2D;
import java.util.Objects;

/**
 * Renders frames of an animation into one {@link RasterCanvas}, redrawing the static layers (heatmap,
 * axes, data, field, legend) only when they, the viewport or the theme change: each frame then costs a
 * copy of the cached background plus the particles (measured in docs/benchmarks.md).
 */
public final class LiveSceneRenderer {

    private final RasterCanvas canvas;
    private final RasterCanvas background;
    private Object backgroundKey;

    public LiveSceneRenderer(int width, int height) {
        canvas = new RasterCanvas(width, height);
        background = new RasterCanvas(width, height);
    }

    public RasterCanvas canvas() {
        return canvas;
    }

    /** Draws a frame into {@link #canvas()}. */
    public void render(SceneSnapshot s, Viewport v, Theme theme) {
        Object key = java.util.Arrays.asList(s.heatmap(), s.heatmapScale(), s.axes(), s.grid(), s.data(), s.field(),
                s.fieldScale(), s.legend(), s.particleScale(), v, theme);
        if (!Objects.equals(key, backgroundKey)) {
            Graphics2D g = background.image().createGraphics();
            try {
                SceneRenderer.paintStatic(g, s, v, theme, background.pixels(), false);
            } finally {
                g.dispose();
            }
            backgroundKey = key;
        }
        System.arraycopy(background.pixels(), 0, canvas.pixels(), 0, canvas.pixels().length);
        Graphics2D g = canvas.image().createGraphics();
        try {
            SceneRenderer.paintDynamic(g, s, v, theme, canvas.pixels());
        } finally {
            g.dispose();
        }
    }
}
