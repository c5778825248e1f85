package org.diffusionplayground.render;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * Renders {@link SceneFrame}s off-screen into a width × height raster, reusing its buffers from frame to
 * frame (a video renders hundreds). A one-pane frame is drawn straight into the output (particles splatted
 * into its pixels, as on screen); a split frame draws each pane into its own canvas and places it.
 */
public final class FrameRenderer {

    private final RasterCanvas output;
    private final RasterCanvas[] panes = new RasterCanvas[2];

    public FrameRenderer(int width, int height) {
        output = new RasterCanvas(width, height);
    }

    public int width() {
        return output.width();
    }

    public int height() {
        return output.height();
    }

    /** Draws the frame and returns the canvas holding it (premultiplied ARGB, valid until the next call). */
    public RasterCanvas render(SceneFrame frame, Theme theme, boolean transparent) {
        int w = output.width();
        int h = output.height();
        if (frame.panes().size() == 1) {
            output.render(frame.panes().get(0), frame.viewport(0, w, h, theme), theme, transparent);
            return output;
        }
        Graphics2D g = output.image().createGraphics();
        try {
            SceneRenderer.clear(g, w, h);
            if (!transparent) {
                g.setColor(theme.panel());
                g.fill(new Rectangle2D.Double(0, 0, w, h));
            }
            for (int i = 0; i < 2; i++) {
                Viewport v = frame.viewport(i, w, h, theme);
                if (panes[i] == null || panes[i].width() != v.width() || panes[i].height() != v.height()) {
                    panes[i] = new RasterCanvas(v.width(), v.height());
                }
                panes[i].render(frame.panes().get(i), v, theme, transparent);
                Rectangle2D.Double r = frame.paneBounds(i, w, h, theme);
                g.drawImage(panes[i].image(), (int) r.x, (int) r.y, null);
            }
        } finally {
            g.dispose();
        }
        return output;
    }

    /** An opaque RGB copy of the last frame (video encoders take RGB; the scene's background fills it). */
    public BufferedImage rgb(BufferedImage reuse) {
        BufferedImage out = reuse != null && reuse.getWidth() == output.width() && reuse.getHeight() == output.height()
                ? reuse : new BufferedImage(output.width(), output.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(output.image(), 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
