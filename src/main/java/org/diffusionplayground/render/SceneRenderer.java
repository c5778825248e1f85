package org.diffusionplayground.render;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.render.SceneLayers.Arrows;
import org.diffusionplayground.render.SceneLayers.ColorScale;
import org.diffusionplayground.render.SceneLayers.LegendEntry;
import org.diffusionplayground.render.SceneLayers.Marker;
import org.diffusionplayground.render.SceneLayers.PointCloud;
import org.diffusionplayground.render.SceneLayers.Polyline;
import org.diffusionplayground.render.SceneLayers.ScalarGrid;
import org.diffusionplayground.render.SceneLayers.VectorField;

/**
 * Draws a {@link SceneSnapshot} onto any Graphics2D: the live view's raster, PNG exports, vector SVG
 * and PDF, video frames. Back to front: background, heatmap, grid and axes, data points, vector field,
 * trails, arrows, particles, ghost point clouds, markers, then legend, colour bars and title. With a raster target the
 * particles are splatted into its pixel array ({@link ParticleRaster}); on vector targets they are
 * real circles.
 */
public final class SceneRenderer {

    private SceneRenderer() {
    }

    /**
     * @param raster premultiplied ARGB pixels of the target when it is an image of the viewport's size
     *               (fast particles), or null for vector targets
     * @param transparent leave the background transparent (for slides with their own background)
     */
    public static void paint(Graphics2D g, SceneSnapshot s, Viewport v, Theme theme, int[] raster,
            boolean transparent) {
        paintStatic(g, s, v, theme, raster, transparent);
        paintDynamic(g, s, v, theme, raster);
    }

    private static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    }

    /**
     * The layers that stay put while particles move: background, heatmap, grid and axes, data and vector
     * field. The live view caches them ({@link LiveSceneRenderer}).
     */
    public static void paintStatic(Graphics2D g, SceneSnapshot s, Viewport v, Theme theme, int[] raster,
            boolean transparent) {
        hints(g);
        if (!transparent) {
            g.setColor(theme.background());
            g.fill(new Rectangle2D.Double(0, 0, v.width(), v.height()));
        }
        if (s.heatmap() != null) {
            paintHeatmap(g, s.heatmap(), s.heatmapScale(), v);
        }
        if (s.axes() || s.grid()) {
            Axes.paint(g, v, theme, s.axes(), s.grid());
        }
        if (s.data() != null) {
            paintData(g, s.data(), s.dataRgb(), v, theme, raster);
        }
        if (s.field() != null) {
            paintField(g, s.field(), s.fieldScale(), v, theme);
        }
    }

    /** The layers drawn every frame: trails, particles, markers, then legend, colour bars and title above them. */
    public static void paintDynamic(Graphics2D g, SceneSnapshot s, Viewport v, Theme theme, int[] raster) {
        hints(g);
        for (Polyline trail : s.trails()) {
            paintPolyline(g, trail, v, theme);
        }
        for (Arrows a : s.arrows()) {
            paintArrows(g, a, v, theme);
        }
        if (s.particles() != null) {
            paintParticles(g, s, v, theme, raster);
        }
        for (PointCloud cloud : s.ghosts()) {
            paintGhosts(g, cloud, v, theme, raster);
        }
        for (Marker m : s.markers()) {
            paintMarker(g, m, v, theme);
        }
        // the boxes go on top of the particles, or a dense cloud hides what the colours mean
        paintLegend(g, s, v, theme);
        paintColorBars(g, s, v, theme);
        paintTitle(g, s, v, theme);
    }

    private static void paintHeatmap(Graphics2D g, ScalarGrid grid, ColorScale scale, Viewport v) {
        BufferedImage img = new BufferedImage(grid.nx(), grid.ny(), BufferedImage.TYPE_INT_ARGB);
        double lo = scale != null ? scale.min() : Double.POSITIVE_INFINITY;
        double hi = scale != null ? scale.max() : Double.NEGATIVE_INFINITY;
        if (scale == null) {
            for (float f : grid.values()) {
                double val = grid.logScale() ? Math.log(Math.max(f, 1e-300)) : f;
                lo = Math.min(lo, val);
                hi = Math.max(hi, val);
            }
        }
        Colormap map = scale != null ? scale.map() : Colormap.VIRIDIS;
        double range = hi > lo ? hi - lo : 1;
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                float f = grid.values()[j * grid.nx() + i];
                double val = grid.logScale() ? Math.log(Math.max(f, 1e-300)) : f;
                if (grid.logScale() && val < lo) {
                    continue; // a density below the colour bar's range stays transparent: the scene shows through
                }
                int rgb = map.rgb((val - lo) / range);
                // a density is a backdrop: translucent, so the grid and the data stay readable through it
                img.setRGB(i, grid.ny() - 1 - j, (grid.logScale() ? 0xB8000000 : 0xD8000000) | rgb);
            }
        }
        double x0 = v.px(grid.xMin());
        double x1 = v.px(grid.xMax());
        double y0 = v.py(grid.yMax());
        double y1 = v.py(grid.yMin());
        Object old = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, (int) Math.round(x0), (int) Math.round(y0), (int) Math.round(x1 - x0),
                (int) Math.round(y1 - y0), null);
        if (old != null) {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, old);
        }
    }

    /** Data in the theme's data colour, or coloured per point (a map: bigger, opaque dots). */
    private static void paintData(Graphics2D g, PointSet data, int[] colours, Viewport v, Theme theme, int[] raster) {
        int rgb = theme.data().getRGB() & 0xFFFFFF;
        double r = colours == null ? theme.dataRadius() : 2.2 * theme.dataRadius();
        float alpha = colours == null ? 0.55f : 0.9f;
        if (raster != null) {
            ParticleRaster dot = new ParticleRaster(r);
            for (int i = 0; i < data.size(); i++) {
                dot.splat(raster, v.width(), v.height(), v.px(data.x(i)), v.py(data.y(i)),
                        colours == null ? rgb : colours[i], alpha);
            }
            return;
        }
        Color single = withAlpha(theme.data(), alpha);
        for (int i = 0; i < data.size(); i++) {
            g.setColor(colours == null ? single : withAlpha(new Color(colours[i]), alpha));
            g.fill(new Ellipse2D.Double(v.px(data.x(i)) - r, v.py(data.y(i)) - r, 2 * r, 2 * r));
        }
    }

    private static void paintPolyline(Graphics2D g, Polyline line, Viewport v, Theme theme) {
        float[] xy = line.xy();
        if (xy.length < 4) {
            return;
        }
        Path2D.Double path = new Path2D.Double();
        path.moveTo(v.px(xy[0]), v.py(xy[1]));
        for (int i = 2; i + 1 < xy.length; i += 2) {
            path.lineTo(v.px(xy[i]), v.py(xy[i + 1]));
        }
        g.setColor(withAlpha(line.color() != null ? line.color() : theme.trail(), line.alpha()));
        g.setStroke(new BasicStroke((float) (line.width() * theme.scale()), BasicStroke.CAP_ROUND,
                BasicStroke.JOIN_ROUND));
        g.draw(path);
    }

    private static void paintField(Graphics2D g, VectorField f, ColorScale scale, Viewport v, Theme theme) {
        int n = f.u().length;
        double maxMag = 0;
        double[] mags = new double[n];
        for (int k = 0; k < n; k++) {
            mags[k] = Math.hypot(f.u()[k], f.v()[k]);
            maxMag = Math.max(maxMag, mags[k]);
        }
        double spacing = Math.min(
                f.xs().length > 1 ? Math.abs(v.px(f.xs()[1]) - v.px(f.xs()[0])) : 40,
                f.ys().length > 1 ? Math.abs(v.py(f.ys()[1]) - v.py(f.ys()[0])) : 40);
        double length = 0.75 * spacing;
        double lo = scale != null ? scale.min() : 0;
        double hi = scale != null ? scale.max() : Math.log1p(maxMag);
        Colormap map = scale != null ? scale.map() : Colormap.CIVIDIS;
        g.setStroke(new BasicStroke((float) (1.3 * theme.scale()), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int j = 0; j < f.ys().length; j++) {
            for (int i = 0; i < f.xs().length; i++) {
                int k = j * f.xs().length + i;
                if (mags[k] == 0 || !Double.isFinite(mags[k])) {
                    continue;
                }
                // normalised direction, magnitude by colour (log1p scale: scores span decades near t_min)
                double dx = f.u()[k] / mags[k] * length;
                double dy = -f.v()[k] / mags[k] * length;
                double cx = v.px(f.xs()[i]);
                double cy = v.py(f.ys()[j]);
                double u = (Math.log1p(mags[k]) - lo) / (hi > lo ? hi - lo : 1);
                g.setColor(map.color(0.15 + 0.85 * u));
                arrow(g, cx - dx / 2, cy - dy / 2, cx + dx / 2, cy + dy / 2, 0.35 * length);
            }
        }
    }

    static void arrow(Graphics2D g, double x0, double y0, double x1, double y1, double head) {
        g.draw(new Line2D.Double(x0, y0, x1, y1));
        double a = Math.atan2(y1 - y0, x1 - x0);
        Path2D.Double tip = new Path2D.Double();
        tip.moveTo(x1, y1);
        tip.lineTo(x1 - head * Math.cos(a - 0.45), y1 - head * Math.sin(a - 0.45));
        tip.lineTo(x1 - head * Math.cos(a + 0.45), y1 - head * Math.sin(a + 0.45));
        tip.closePath();
        g.fill(tip);
    }

    private static void paintParticles(Graphics2D g, SceneSnapshot s, Viewport v, Theme theme, int[] raster) {
        double[] xy = s.particles();
        int n = s.particleCount();
        int[] colours = s.particleRgb();
        int base = theme.particles().getRGB() & 0xFFFFFF;
        float alpha = n > 5000 ? 0.7f : 0.85f;
        if (raster != null) {
            ParticleRaster dot = new ParticleRaster(theme.particleRadius());
            for (int i = 0; i < n; i++) {
                dot.splat(raster, v.width(), v.height(), v.px(xy[2 * i]), v.py(xy[2 * i + 1]),
                        colours != null ? colours[i] : base, alpha);
            }
            return;
        }
        double r = theme.particleRadius();
        Color single = withAlpha(theme.particles(), alpha);
        for (int i = 0; i < n; i++) {
            g.setColor(colours != null ? withAlpha(new Color(colours[i]), alpha) : single);
            g.fill(new Ellipse2D.Double(v.px(xy[2 * i]) - r, v.py(xy[2 * i + 1]) - r, 2 * r, 2 * r));
        }
    }

    private static void paintArrows(Graphics2D g, Arrows a, Viewport v, Theme theme) {
        float[] xy = a.segments();
        g.setColor(withAlpha(a.color(), a.alpha()));
        g.setStroke(new BasicStroke((float) (a.width() * theme.scale()), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        double head = 5 * theme.scale();
        for (int i = 0; i + 3 < xy.length; i += 4) {
            double x0 = v.px(xy[i]);
            double y0 = v.py(xy[i + 1]);
            double x1 = v.px(xy[i + 2]);
            double y1 = v.py(xy[i + 3]);
            double len = Math.hypot(x1 - x0, y1 - y0);
            if (len < 0.5 || !Double.isFinite(len)) {
                continue;
            }
            arrow(g, x0, y0, x1, y1, Math.min(head, 0.45 * len));
        }
    }

    /** Ghost points: a ring per point on vector targets, a dot of the cloud's colour on the raster. */
    private static void paintGhosts(Graphics2D g, PointCloud cloud, Viewport v, Theme theme, int[] raster) {
        double[] xy = cloud.xy();
        int rgb = cloud.color().getRGB() & 0xFFFFFF;
        if (raster != null) {
            ParticleRaster dot = new ParticleRaster(theme.particleRadius());
            for (int i = 0; i < cloud.count(); i++) {
                dot.splat(raster, v.width(), v.height(), v.px(xy[2 * i]), v.py(xy[2 * i + 1]), rgb, cloud.alpha());
            }
            return;
        }
        double r = theme.particleRadius() * 1.2;
        g.setColor(withAlpha(cloud.color(), cloud.alpha()));
        g.setStroke(new BasicStroke((float) (0.8 * theme.scale())));
        for (int i = 0; i < cloud.count(); i++) {
            g.draw(new Ellipse2D.Double(v.px(xy[2 * i]) - r, v.py(xy[2 * i + 1]) - r, 2 * r, 2 * r));
        }
    }

    private static void paintMarker(Graphics2D g, Marker m, Viewport v, Theme theme) {
        double r = 5 * theme.scale();
        double x = v.px(m.x());
        double y = v.py(m.y());
        g.setColor(m.color());
        g.setStroke(new BasicStroke((float) (2 * theme.scale())));
        g.draw(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
        g.draw(new Line2D.Double(x - 1.6 * r, y, x - 0.6 * r, y));
        g.draw(new Line2D.Double(x + 0.6 * r, y, x + 1.6 * r, y));
        if (m.label() != null && !m.label().isEmpty()) {
            float size = theme.fontSize() * 0.9f;
            float w = Fonts.width(g, m.label(), size, false);
            float lx = (float) (x + 2 * r);
            float ly = (float) (y - r);
            g.setColor(withAlpha(theme.panel(), 0.85f));
            g.fill(new RoundRectangle2D.Double(lx - 4, ly - size, w + 8, size * 1.35, 6, 6));
            g.setColor(theme.text());
            Fonts.draw(g, m.label(), size, false, lx, ly);
        }
    }

    private static void paintTitle(Graphics2D g, SceneSnapshot s, Viewport v, Theme theme) {
        if (s.title().isEmpty() && s.subtitle().isEmpty()) {
            return;
        }
        float big = theme.fontSize() * 1.35f;
        float small = theme.fontSize();
        float pad = (float) (12 * theme.scale());
        float w = Math.max(Fonts.width(g, s.title(), big, true), Fonts.width(g, s.subtitle(), small, false));
        // a title wider than a narrow pane (split view, lecture mode) shrinks to fit; the legend makes way
        // for it below (legendTop)
        float room = v.width() - 4 * pad;
        if (w > room && room > 0) {
            float f = Math.max(0.55f, room / w);
            big *= f;
            small *= f;
            w = Math.max(Fonts.width(g, s.title(), big, true), Fonts.width(g, s.subtitle(), small, false));
        }
        float h = big * 1.3f + (s.subtitle().isEmpty() ? 0 : small * 1.4f);
        g.setColor(withAlpha(theme.panel(), 0.86f));
        g.fill(new RoundRectangle2D.Double(pad, pad, w + 2 * pad, h + pad, 10, 10));
        g.setColor(theme.text());
        Fonts.draw(g, s.title(), big, true, 2 * pad, pad + big * 1.15f);
        if (!s.subtitle().isEmpty()) {
            g.setColor(withAlpha(theme.text(), 0.8f));
            Fonts.draw(g, s.subtitle(), small, false, 2 * pad, pad + big * 1.3f + small * 1.15f);
        }
    }

    private static void paintLegend(Graphics2D g, SceneSnapshot s, Viewport v, Theme theme) {
        if (s.legend().isEmpty()) {
            return;
        }
        float size = theme.fontSize();
        float pad = (float) (12 * theme.scale());
        float row = size * 1.55f;
        float swatch = size * 1.4f;
        float boxW = legendWidth(g, s, theme);
        float boxH = row * s.legend().size() + pad;
        float x = v.width() - boxW - pad;
        float y = legendTop(g, s, v, theme, boxW);
        g.setColor(withAlpha(theme.panel(), 0.86f));
        g.fill(new RoundRectangle2D.Double(x, y, boxW, boxH, 10, 10));
        float cy = y + pad / 2 + row / 2;
        for (LegendEntry e : s.legend()) {
            g.setColor(e.colour(theme));
            float sx = x + pad;
            switch (e.shape()) {
                case DOT -> {
                    double r = Math.max(3, theme.particleRadius() * 1.8);
                    g.fill(new Ellipse2D.Double(sx + swatch / 2 - r, cy - r, 2 * r, 2 * r));
                }
                case LINE -> {
                    g.setStroke(new BasicStroke((float) (3 * theme.scale()), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    g.draw(new Line2D.Double(sx, cy, sx + swatch, cy));
                }
                case ARROW -> {
                    g.setStroke(new BasicStroke((float) (1.8 * theme.scale())));
                    arrow(g, sx, cy, sx + swatch, cy, size * 0.45);
                }
                default -> g.fill(new Rectangle2D.Double(sx, cy - size * 0.4, swatch, size * 0.8));
            }
            g.setColor(theme.text());
            Fonts.draw(g, e.label(), size, false, sx + swatch + pad, cy + size * 0.36f);
            cy += row;
        }
    }

    /**
     * Top of the legend: beside the title when both fit across the pane, else below the title box. Depends
     * on the title only (not the subtitle, which changes every frame), so the legend can stay in the
     * cached static layer.
     */
    private static float legendTop(Graphics2D g, SceneSnapshot s, Viewport v, Theme theme, float legendWidth) {
        float pad = (float) (12 * theme.scale());
        if (s.title().isEmpty()) {
            return pad;
        }
        float big = theme.fontSize() * 1.35f;
        float small = theme.fontSize();
        float titleW = Fonts.width(g, s.title(), big, true);
        if (titleW + 2 * pad + legendWidth + 3 * pad <= v.width()) {
            return pad;
        }
        float scale = Math.min(1, Math.max(0.55f, (v.width() - 4 * pad) / titleW));
        float titleH = (big * 1.3f + (s.subtitle().isEmpty() ? 0 : small * 1.4f)) * scale + pad;
        return pad + titleH + pad;
    }

    /** Width of the legend box (0 without a legend). */
    private static float legendWidth(Graphics2D g, SceneSnapshot s, Theme theme) {
        if (s.legend().isEmpty()) {
            return 0;
        }
        float size = theme.fontSize();
        float w = 0;
        for (LegendEntry e : s.legend()) {
            w = Math.max(w, Fonts.width(g, e.label(), size, false));
        }
        return w + size * 1.4f + 3 * (float) (12 * theme.scale());
    }

    private static void paintColorBars(Graphics2D g, SceneSnapshot s, Viewport v, Theme theme) {
        int slot = 0;
        for (ColorScale scale : new ColorScale[] {s.particleScale(), s.dataScale(), s.fieldScale(), s.heatmapScale()}) {
            if (scale != null) {
                paintColorBar(g, scale, v, theme, slot++);
            }
        }
    }

    private static void paintColorBar(Graphics2D g, ColorScale scale, Viewport v, Theme theme, int slot) {
        float size = theme.fontSize() * 0.85f;
        float pad = (float) (12 * theme.scale());
        float barW = (float) (220 * theme.scale());
        float barH = (float) (12 * theme.scale());
        float boxH = barH + 2.6f * size + pad;
        float x = v.width() - barW - 3 * pad;
        float y = v.height() - (slot + 1) * (boxH + pad);
        g.setColor(withAlpha(theme.panel(), 0.86f));
        g.fill(new RoundRectangle2D.Double(x - pad, y, barW + 2 * pad, boxH, 10, 10));
        g.setColor(theme.text());
        Fonts.draw(g, scale.label(), size, false, x, y + size * 1.2f);
        float by = y + size * 1.6f;
        BufferedImage bar = new BufferedImage(256, 1, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 256; i++) {
            bar.setRGB(i, 0, scale.map().rgb(i / 255.0));
        }
        g.drawImage(bar, Math.round(x), Math.round(by), Math.round(barW), Math.round(barH), null);
        g.setColor(theme.text());
        String lo = Axes.format(scale.min());
        String hi = Axes.format(scale.max());
        Fonts.draw(g, lo, size, false, x, by + barH + size * 1.05f);
        Fonts.draw(g, hi, size, false, x + barW - Fonts.width(g, hi, size, false), by + barH + size * 1.05f);
    }

    static Color withAlpha(Color c, float alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.round(255 * Math.max(0, Math.min(1, alpha))));
    }

    /** Clears a premultiplied raster to fully transparent (before drawing a transparent frame). */
    static void clear(Graphics2D g, int width, int height) {
        g.setComposite(AlphaComposite.Clear);
        g.fillRect(0, 0, width, height);
        g.setComposite(AlphaComposite.SrcOver);
    }
}
