package org.diffusionplayground.render;

import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * One picture of the scene as exported or recorded: one pane, or the split view's two panes side by side,
 * all looking at the same world region (centre and half of the shorter side), as the window shows them.
 * Raster targets go through {@link FrameRenderer}; vector targets (SVG, PDF) through {@link #paintVector},
 * where every particle, trail and arrow is a vector shape.
 */
public record SceneFrame(List<SceneSnapshot> panes, double centreX, double centreY, double halfSize) {

    /** Gap between the two panes of a split frame, in pixels at theme scale 1 (the window's spacing). */
    static final double GAP = 6;

    public SceneFrame {
        panes = List.copyOf(panes);
        if (panes.isEmpty() || panes.size() > 2) {
            throw new IllegalArgumentException("a frame has one or two panes, got " + panes.size());
        }
        if (!(halfSize > 0) || !Double.isFinite(halfSize)) {
            throw new IllegalArgumentException("the visible half size must be positive, got " + halfSize);
        }
    }

    public static SceneFrame of(SceneSnapshot pane, double centreX, double centreY, double halfSize) {
        return new SceneFrame(List.of(pane), centreX, centreY, halfSize);
    }

    /** Width / height of each pane when {@code panes} panes share a width × height picture. */
    public static double paneAspect(int width, int height, int panes, Theme theme) {
        if (panes == 1) {
            return (double) width / height;
        }
        int gap = (int) Math.round(GAP * theme.scale());
        return Math.max(1.0, (width - gap) / 2) / height;
    }

    /** The pixel rectangle of pane i on a width × height picture. */
    public Rectangle2D.Double paneBounds(int i, int width, int height, Theme theme) {
        if (panes.size() == 1) {
            return new Rectangle2D.Double(0, 0, width, height);
        }
        int gap = (int) Math.round(GAP * theme.scale());
        int left = Math.max(1, (width - gap) / 2);
        return i == 0 ? new Rectangle2D.Double(0, 0, left, height)
                : new Rectangle2D.Double(left + gap, 0, Math.max(1, width - left - gap), height);
    }

    /** The viewport of pane i: this frame's world region fitted to the pane's pixels. */
    public Viewport viewport(int i, int width, int height, Theme theme) {
        Rectangle2D.Double r = paneBounds(i, width, height, theme);
        return Viewport.fit(centreX, centreY, halfSize, (int) r.width, (int) r.height);
    }

    /** Draws the frame with vector shapes only (no particle raster): for SVG and PDF. */
    public void paintVector(Graphics2D g, int width, int height, Theme theme, boolean transparent) {
        if (!transparent && panes.size() > 1) {
            g.setColor(theme.panel());
            g.fill(new Rectangle2D.Double(0, 0, width, height));
        }
        for (int i = 0; i < panes.size(); i++) {
            Rectangle2D.Double r = paneBounds(i, width, height, theme);
            AffineTransform saved = g.getTransform();
            Shape savedClip = g.getClip();
            g.translate(r.x, r.y);
            g.clip(new Rectangle2D.Double(0, 0, r.width, r.height));
            SceneRenderer.paint(g, panes.get(i), viewport(i, width, height, theme), theme, null, transparent);
            g.setTransform(saved);
            g.setClip(savedClip);
        }
    }
}
