package org.diffusionplayground.ui.kit;

import java.awt.BasicStroke;
import java.awt.Font;
import org.diffusionplayground.render.Fonts;
import org.diffusionplayground.render.Theme;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;

/**
 * Styles JFreeChart charts with the scene's theme: the same colours, the bundled fonts (so 𝔥 renders)
 * and, in lecture mode, the same larger sizes. Charts draw through Java2D, so SVG and PDF exports of a
 * chart look like the screen.
 */
public final class ChartStyle {

    private ChartStyle() {
    }

    public static void apply(JFreeChart chart, Theme theme) {
        chart.setBackgroundPaint(theme.panel());
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        float size = theme.fontSize();
        Font title = Fonts.math(size * 1.05f).canDisplayUpTo(chart.getTitle() == null ? "" : chart.getTitle().getText()) < 0
                && chart.getTitle() != null && chart.getTitle().getText().contains("𝔥")
                ? Fonts.math(size * 1.1f) : Fonts.sans(size * 1.05f, true);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(title);
            chart.getTitle().setPaint(theme.text());
        }
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof LegendTitle legend) {
                legend.setItemFont(Fonts.sans(size * 0.85f, false));
                legend.setItemPaint(theme.text());
                legend.setBackgroundPaint(theme.panel());
            } else if (chart.getSubtitle(i) instanceof TextTitle text) {
                text.setFont(Fonts.sans(size * 0.8f, false));
                text.setPaint(theme.text());
            }
        }
        if (chart.getPlot() instanceof XYPlot plot) {
            plot.setBackgroundPaint(theme.background());
            plot.setDomainGridlinePaint(theme.grid());
            plot.setRangeGridlinePaint(theme.grid());
            plot.setOutlinePaint(theme.grid());
            for (int i = 0; i < plot.getDomainAxisCount(); i++) {
                style(plot.getDomainAxis(i), theme, size);
            }
            for (int i = 0; i < plot.getRangeAxisCount(); i++) {
                style(plot.getRangeAxis(i), theme, size);
            }
        }
    }

    private static void style(Axis axis, Theme theme, float size) {
        if (axis == null) {
            return;
        }
        String label = axis.getLabel() == null ? "" : axis.getLabel();
        axis.setLabelFont(label.contains("𝔥") ? Fonts.math(size * 0.95f) : Fonts.sans(size * 0.85f, false));
        axis.setLabelPaint(theme.text());
        axis.setTickLabelFont(Fonts.sans(size * 0.75f, false));
        axis.setTickLabelPaint(theme.text());
        axis.setAxisLinePaint(theme.axis());
        axis.setTickMarkPaint(theme.axis());
    }

    /** The dashed vertical line at the sampler's 𝔥 that the 𝔥 charts share, label at its top right. */
    public static org.jfree.chart.plot.ValueMarker hMarker() {
        org.jfree.chart.plot.ValueMarker m = new org.jfree.chart.plot.ValueMarker(0);
        m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_LEFT);
        return m;
    }

    /**
     * A second series on its own axis at the right of the plot (dataset and axis 1), with lines and points,
     * its range from zero: a quantity beside another of different units (MMD² beside W2, W2 beside the loss).
     */
    public static void rightAxis(org.jfree.chart.plot.XYPlot plot, String label,
            org.jfree.data.xy.XYSeries series) {
        org.jfree.chart.axis.NumberAxis axis = new org.jfree.chart.axis.NumberAxis(label);
        axis.setAutoRangeIncludesZero(true);
        plot.setRangeAxis(1, axis);
        plot.setDataset(1, new org.jfree.data.xy.XYSeriesCollection(series));
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, true));
    }

    /** Styles an {@link #hMarker()}: vermillion, dashed, bold label, sized by the theme. */
    public static void styleHMarker(org.jfree.chart.plot.ValueMarker m, Theme theme) {
        m.setPaint(Theme.OKABE_ITO[5]);
        m.setStroke(new BasicStroke((float) (2 * theme.scale()), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {(float) (6 * theme.scale()), (float) (4 * theme.scale())}, 0f));
        m.setLabelFont(Fonts.sans(theme.fontSize() * 0.85f, true));
        m.setLabelPaint(theme.text());
    }

    public static BasicStroke line(Theme theme, float width) {
        return new BasicStroke((float) (width * theme.scale()), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /**
     * Applies a change of several series, markers and titles as one redraw. JFreeChart redraws the chart
     * on every change event, and each item added with {@code add(x, y, lo, hi)} is one, so publishing a
     * likelihood result point by point stalls the UI thread (docs/benchmarks.md, "Desktop app").
     */
    public static void inOneRedraw(JFreeChart chart, Runnable change) {
        boolean notifying = chart.isNotify();
        chart.setNotify(false);
        try {
            change.run();
        } finally {
            chart.setNotify(notifying); // back to true: one change event, one redraw
        }
    }
}
