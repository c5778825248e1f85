package org.diffusionplayground.render;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * An off-screen premultiplied-ARGB image the scene is rendered into. Its int[] is exactly the layout
 * of JavaFX's IntArgbPre, so the live view wraps the same array in a PixelBuffer (no copy), and
 * exports and video frames read it directly.
 */
public final class RasterCanvas {

    private final BufferedImage image;
    private final int[] pixels;

    public RasterCanvas(int width, int height) {
        if (width < 1 || height < 1 || (long) width * height > 16384L * 16384L) {
            throw new IllegalArgumentException("image size out of range: " + width + "×" + height);
        }
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB_PRE);
        pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }

    /** The shared pixel array (premultiplied ARGB, row-major). */
    public int[] pixels() {
        return pixels;
    }

    public BufferedImage image() {
        return image;
    }

    /** Renders a frame; the viewport must have this canvas's size. */
    public void render(SceneSnapshot snapshot, Viewport viewport, Theme theme, boolean transparent) {
        if (viewport.width() != width() || viewport.height() != height()) {
            throw new IllegalArgumentException("viewport " + viewport.width() + "×" + viewport.height()
                    + " does not match the canvas " + width() + "×" + height());
        }
        Graphics2D g = image.createGraphics();
        try {
            if (transparent) {
                SceneRenderer.clear(g, width(), height());
            }
            SceneRenderer.paint(g, snapshot, viewport, theme, pixels, transparent);
        } finally {
            g.dispose();
        }
    }
}
