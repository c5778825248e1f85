package org.diffusionplayground.ui;

import java.util.Locale;
import javafx.beans.value.ObservableValue;
import org.diffusionplayground.app.SceneViewModel;
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
 * Sample quality versus 𝔥 (MATH.md §6.4): the exact 2-Wasserstein distance between the sampler's output at
 * each 𝔥 (same seed, same steps as the scene) and held-out data, with the marker of the current 𝔥.
 */
public final class W2Chart extends ChartViewer {

    private final XYSeries w2 = new XYSeries("W2(samples at 𝔥, held-out data)");
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
        plot.addDomainMarker(hMarker);
        chart = new JFreeChart("Sample quality: W2 to held-out data versus 𝔥", JFreeChart.DEFAULT_TITLE_FONT, plot,
                false);
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
     * Rows {𝔥, W2} (null clears the chart) and the mean W2 of fresh held-out draws of the same size (NaN: none),
     * shown as a reference number rather than a line: W2 between finite samples is biased upwards by an
     * amount that depends on the distributions, so the model's samples can land below it; compare the 𝔥
     * values with each other.
     */
    public void show(double[][] rows, double heldOutPair) {
        ChartStyle.inOneRedraw(chart, () -> showNow(rows, heldOutPair));
    }

    private void showNow(double[][] rows, double heldOutPair) {
        reference.setText(rows != null && Double.isFinite(heldOutPair) ? String.format(Locale.ROOT,
                "fresh held-out draws of the same size against the same reference: %.3f (mean)", heldOutPair) : "");
        w2.clear();
        if (rows != null) {
            for (double[] r : rows) {
                if (Double.isFinite(r[1])) {
                    w2.add(r[0], r[1], false);
                }
            }
            w2.fireSeriesChanged();
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
        ChartStyle.styleHMarker(hMarker, theme);
        reference.setFont(Fonts.sans(theme.fontSize() * 0.8f, false));
        reference.setPaint(theme.text());
    }

    /** Points on the chart (tests check it receives data). */
    public int pointCount() {
        return w2.getItemCount();
    }
}
