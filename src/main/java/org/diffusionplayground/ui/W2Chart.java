package org.diffusionplayground.ui;

import java.awt.BasicStroke;
import java.util.Locale;
import javafx.beans.value.ObservableValue;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.render.Fonts;
import org.diffusionplayground.render.Theme;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
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
    private final ValueMarker floor = new ValueMarker(0);
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

    /** Rows {𝔥, W2} (null clears the chart) and the Monte-Carlo floor (NaN: none). */
    public void show(double[][] rows, double floorValue) {
        chart.getXYPlot().clearRangeMarkers();
        if (Double.isFinite(floorValue) && rows != null) {
            floor.setValue(floorValue);
            floor.setLabel(String.format(Locale.ROOT, "held-out vs held-out: %.3f ", floorValue));
            chart.getXYPlot().addRangeMarker(floor);
        }
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
        hMarker.setValue(Math.min(h, SceneViewModel.SLIDER_MAX_H));
        hMarker.setLabel(String.format(Locale.ROOT, " 𝔥 = %.2f", h));
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
        floor.setPaint(theme.axis());
        floor.setStroke(new BasicStroke((float) (1.5 * theme.scale()), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                10f, new float[] {(float) (3 * theme.scale()), (float) (3 * theme.scale())}, 0f));
        floor.setLabelFont(Fonts.sans(theme.fontSize() * 0.75f, false));
        floor.setLabelPaint(theme.text());
        floor.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
        floor.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
    }

    /** Points on the chart (tests check it receives data). */
    public int pointCount() {
        return w2.getItemCount();
    }
}
