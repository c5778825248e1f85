package org.diffusionplayground.render;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.util.Locale;

/** Grid lines and axes with "nice" ticks (1, 2, 5 × 10ᵏ), labelled in data units. */
final class Axes {

    private Axes() {
    }

    /** A tick step near range/target, rounded to 1, 2 or 5 times a power of ten. */
    static double niceStep(double range, int target) {
        double raw = range / target;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        double nice = f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10;
        return nice * magnitude;
    }

    static String format(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e4 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        String s = String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 1 ? "%.2f" : "%.3f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s.replace('-', '\u2212');
    }

    static void paint(Graphics2D g, Viewport v, Theme theme, boolean axes, boolean grid) {
        double step = niceStep(Math.min(v.xMax() - v.xMin(), v.yMax() - v.yMin()), 6);
        float size = theme.fontSize() * 0.8f;
        if (grid) {
            g.setColor(theme.grid());
            g.setStroke(new BasicStroke((float) (1.0 * theme.scale())));
            for (double x = Math.ceil(v.xMin() / step) * step; x <= v.xMax(); x += step) {
                g.draw(new Line2D.Double(v.px(x), 0, v.px(x), v.height()));
            }
            for (double y = Math.ceil(v.yMin() / step) * step; y <= v.yMax(); y += step) {
                g.draw(new Line2D.Double(0, v.py(y), v.width(), v.py(y)));
            }
        }
        if (!axes) {
            return;
        }
        g.setColor(theme.axis());
        g.setStroke(new BasicStroke(theme.lineWidth()));
        double ox = Math.max(v.xMin(), Math.min(v.xMax(), 0));
        double oy = Math.max(v.yMin(), Math.min(v.yMax(), 0));
        g.draw(new Line2D.Double(0, v.py(oy), v.width(), v.py(oy)));
        g.draw(new Line2D.Double(v.px(ox), 0, v.px(ox), v.height()));
        float tick = (float) (5 * theme.scale());
        for (double x = Math.ceil(v.xMin() / step) * step; x <= v.xMax(); x += step) {
            if (Math.abs(x) < step / 2) {
                continue;
            }
            double px = v.px(x);
            g.draw(new Line2D.Double(px, v.py(oy) - tick, px, v.py(oy) + tick));
            String label = format(x);
            Fonts.draw(g, label, size, false, (float) px - Fonts.width(g, label, size, false) / 2,
                    (float) v.py(oy) + tick + size * 1.1f);
        }
        for (double y = Math.ceil(v.yMin() / step) * step; y <= v.yMax(); y += step) {
            if (Math.abs(y) < step / 2) {
                continue;
            }
            double py = v.py(y);
            g.draw(new Line2D.Double(v.px(ox) - tick, py, v.px(ox) + tick, py));
            Fonts.draw(g, format(y), size, false, (float) v.px(ox) + tick + 3, (float) py + size * 0.35f);
        }
    }
}
