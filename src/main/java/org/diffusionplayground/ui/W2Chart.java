package org.diffusionplayground.ui;

import java.util.Locale;
import javafx.beans.value.ObservableValue;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.model.metrics.SampleQuality;
import org.diffusionplayground.render.Fonts;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.ui.kit.ChartStyle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Sample quality versus 𝔥 (MATH.md §6.4): the exact 2-Wasserstein distance (left axis) and the unbiased MMD²
 * (right axis) between the sampler's output at each 𝔥 (the scene's solver, seed and steps) and an i.i.d. draw
 * of the data, with the marker of the current 𝔥 and the noise floor of both for i.i.d. draws.
 */
public final class W2Chart extends ChartViewer {

    private final XYSeries w2 = new XYSeries("W2(samples at 𝔥, data)");
    private final XYSeries mmd = new XYSeries("MMD²(samples at 𝔥, data)");
    private final JFreeChart chart;
    private final ValueMarker hMarker = ChartStyle.hMarker();
    private final org.jfree.chart.title.TextTitle reference = new org.jfree.chart.title.TextTitle("");
    private Theme theme;

    public W2Chart(ObservableValue<Theme> themeValue) {
        NumberAxis x = new NumberAxis("𝔥");
        x.setRange(0, SceneViewModel.SLIDER_MAX_H);
        x.setTickUnit(new NumberTickUnit(0.5));
        NumberAxis y = new NumberAxis("W2");
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(new XYSeriesCollection(w2), x, y, new XYLineAndShapeRenderer(true, true));
        ChartStyle.rightAxis(plot, "MMD²", mmd);
        plot.addDomainMarker(hMarker);
        chart = new JFreeChart("Sample quality versus 𝔥: W2 (left) and MMD² (right) to the data",
                JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setPadding(new RectangleInsets(4, 4, 4, 16));
        chart.addSubtitle(reference);
        setChart(chart);
        setId("w2-chart");
        setMinHeight(170);
        theme = themeValue.getValue();
        style();
        themeValue.addListener((obs, old, t) -> {
            theme = t;
            style();
        });
    }

    /**
     * Rows {𝔥, W2, MMD²} (null clears the chart) and the noise floor of i.i.d. draws of the data of the same size
     * (NONE: no generator), shown as numbers: W2 and MMD² of finite samples scatter around it, so a perfect
     * sampler lands there, not at 0.
     */
    public void show(double[][] rows, SampleQuality.Floor floor) {
        ChartStyle.inOneRedraw(chart, () -> showNow(rows, floor));
    }

    private void showNow(double[][] rows, SampleQuality.Floor floor) {
        reference.setText(rows != null && floor.draws() > 0 ? String.format(Locale.ROOT,
                "noise floor (i.i.d. draws of the data, same size): W2 %.3f ± %.3f, MMD² %.1e ± %.1e", floor.w2Mean(),
                floor.w2Sd(), floor.mmd2Mean(), floor.mmd2Sd()) : "");
        w2.clear();
        mmd.clear();
        if (rows != null) {
            for (double[] r : rows) {
                if (Double.isFinite(r[1])) {
                    w2.add(r[0], r[1], false);
                }
                if (r.length > 2 && Double.isFinite(r[2])) {
                    mmd.add(r[0], r[2], false);
                }
            }
            w2.fireSeriesChanged();
            mmd.fireSeriesChanged();
        }
        markH(hMarker.getValue());
    }

    public void markH(double h) {
        ChartStyle.inOneRedraw(chart, () -> {
            hMarker.setValue(Math.min(h, SceneViewModel.SLIDER_MAX_H));
            hMarker.setLabel(String.format(Locale.ROOT, " 𝔥 = %.2f", h));
        });
    }

    private void style() {
        ChartStyle.apply(chart, theme);
        chart.getTitle().setFont(Fonts.sans(theme.fontSize() * 0.95f, true));
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        r.setSeriesPaint(0, theme.secondAccent());
        r.setSeriesStroke(0, ChartStyle.line(theme, 2.4f));
        double q = 4.5 * theme.scale();
        r.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-q, -q, 2 * q, 2 * q));
        XYLineAndShapeRenderer m = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer(1);
        m.setSeriesPaint(0, theme.text());
        m.setSeriesStroke(0, ChartStyle.line(theme, 1.6f));
        m.setSeriesShape(0, new java.awt.geom.Rectangle2D.Double(-q * 0.8, -q * 0.8, 1.6 * q, 1.6 * q));
        ChartStyle.styleHMarker(hMarker, theme);
        reference.setFont(Fonts.sans(theme.fontSize() * 0.8f, false));
        reference.setPaint(theme.text());
    }

    /** Points on the chart (tests check it receives data). */
    public int pointCount() {
        return w2.getItemCount();
    }
}
