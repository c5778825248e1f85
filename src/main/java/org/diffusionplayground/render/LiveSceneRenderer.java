package org.diffusionplayground.render;

import java.awt.Graphics2D;
import java.util.Objects;

/**
 * Renders frames of an animation, redrawing the static layers (heatmap, axes, data, field, legend) only
 * when they, the viewport or the theme change: each frame then costs a copy of the cached background
 * plus the particles (measured in docs/benchmarks.md). Frames alternate between two canvases: the
 * screen's render thread may still be uploading the previous frame while the next one is drawn, so a
 * single shared buffer would show half-drawn frames.
 */
public final class LiveSceneRenderer {

    private final RasterCanvas[] canvases;
    private final RasterCanvas background;
    private Object backgroundKey;
    private int current;

    public LiveSceneRenderer(int width, int height) {
        canvases = new RasterCanvas[] {new RasterCanvas(width, height), new RasterCanvas(width, height)};
        background = new RasterCanvas(width, height);
    }

    /** The canvas holding the most recent frame. */
    public RasterCanvas canvas() {
        return canvases[current];
    }

    /** Canvas i of the two (the live view wraps each in its own PixelBuffer). */
    public RasterCanvas canvas(int i) {
        return canvases[i];
    }

    /** Index of the canvas holding the most recent frame. */
    public int currentIndex() {
        return current;
    }

    /** Draws a frame into the canvas not shown last, and makes it current. */
    public void render(SceneSnapshot s, Viewport v, Theme theme) {
        current = 1 - current;
        RasterCanvas canvas = canvases[current];
        Object key = java.util.Arrays.asList(s.heatmap(), s.heatmapScale(), s.axes(), s.grid(), s.data(), s.field(),
                s.fieldScale(), s.legend(), s.particleScale(), s.dataRgb(), s.dataScale(), s.title(), v, theme);
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
