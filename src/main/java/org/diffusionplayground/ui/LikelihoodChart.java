package org.diffusionplayground.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Locale;
import javafx.beans.value.ObservableValue;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.model.likelihood.FirstOrderLine;
import org.diffusionplayground.render.Fonts;
import org.diffusionplayground.render.Theme;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * NLL versus 𝔥 (MATH.md §5): the first-order line NLL(0) − 𝔥·E[C] with a band of ± 2 standard errors
 * over the evaluated points, the measured PF-ODE NLL at 𝔥 = 0 with its error bar, and a marker at the
 * sampler's current 𝔥 that follows the slider. Only draws what it is given.
 */
public final class LikelihoodChart extends ChartViewer {

    /** Points along the line and its band. */
    private static final int LINE_POINTS = 61;
    /** Half-width of the band in standard errors (≈ 95 %). */
    static final double BAND_SE = 2.0;

    private final YIntervalSeries firstOrder = new YIntervalSeries("first order: NLL(0) − 𝔥·E[C]  (± 2 s.e.)");
    private final YIntervalSeries measured = new YIntervalSeries("measured: PF-ODE NLL at 𝔥 = 0");
    private final JFreeChart chart;
    private final TextTitle summary = new TextTitle("");
    private final ValueMarker hMarker = new ValueMarker(0);
    private FirstOrderLine line;
    private double h;
    private Theme theme;

    public LikelihoodChart(ObservableValue<Theme> themeValue) {
        YIntervalSeriesCollection lineData = new YIntervalSeriesCollection();
        lineData.addSeries(firstOrder);
        YIntervalSeriesCollection pointData = new YIntervalSeriesCollection();
        pointData.addSeries(measured);
        NumberAxis x = new NumberAxis("𝔥");
        x.setRange(0, SceneViewModel.SLIDER_MAX_H);
        x.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.5)); // 0, 0.5, … 3: the slider's own marks
        NumberAxis y = new NumberAxis("NLL (nats per point)");
        y.setAutoRangeIncludesZero(false);
        DeviationRenderer band = new DeviationRenderer(true, false);
        XYPlot plot = new XYPlot(lineData, x, y, band);
        XYErrorRenderer points = new XYErrorRenderer();
        points.setDrawXError(false);
        points.setDefaultShapesVisible(true);
        points.setDefaultLinesVisible(false);
        plot.setDataset(1, pointData);
        plot.setRenderer(1, points);
        plot.addDomainMarker(hMarker);
        hMarker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        hMarker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        chart = new JFreeChart("Negative log-likelihood versus 𝔥", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setPadding(new org.jfree.chart.ui.RectangleInsets(4, 4, 4, 16)); // room for the last tick label
        chart.addSubtitle(summary);
        setChart(chart);
        setId("likelihood-chart");
        setMinHeight(220);
        theme = themeValue.getValue();
        style();
        themeValue.addListener((obs, old, t) -> {
            theme = t;
            style();
        });
    }

    /** Shows a new result (null clears the chart). */
    public void show(FirstOrderLine l, String description) {
        line = l;
        firstOrder.clear();
        measured.clear();
        if (l == null) {
            summary.setText(description == null ? "" : description);
            updateMarker();
            return;
        }
        double hMax = SceneViewModel.SLIDER_MAX_H;
        for (int i = 0; i < LINE_POINTS; i++) {
            double hv = hMax * i / (LINE_POINTS - 1);
            double m = l.nll(hv);
            double e = BAND_SE * l.standardError(hv);
            firstOrder.add(hv, m, m - e, m + e);
        }
        double se = l.standardError(0);
        measured.add(0, l.meanNll(), l.meanNll() - se, l.meanNll() + se);
        summary.setText(String.format(Locale.ROOT, "NLL at 𝔥 = 0: %.3f ± %.3f nats\nslope −E[C] = %+.3f ± %.3f%s",
                l.meanNll(), se, -l.meanC(), Math.sqrt(l.varC() / Math.max(1, l.count())),
                description == null || description.isEmpty() ? "" : "\n(" + description + ")"));
        updateMarker();
    }

    /** Moves the marker of the sampler's 𝔥. */
    public void markH(double value) {
        h = value;
        updateMarker();
    }

    private void updateMarker() {
        hMarker.setValue(Math.min(h, SceneViewModel.SLIDER_MAX_H));
        hMarker.setLabel(line == null ? String.format(Locale.ROOT, " 𝔥 = %.2f", h)
                : String.format(Locale.ROOT, " 𝔥 = %.2f: NLL ≈ %.3f", h, line.nll(h)));
    }

    private void style() {
        ChartStyle.apply(chart, theme);
        XYPlot plot = chart.getXYPlot();
        DeviationRenderer band = (DeviationRenderer) plot.getRenderer(0);
        band.setSeriesPaint(0, theme.accent());
        band.setSeriesFillPaint(0, theme.accent());
        band.setAlpha(0.18f);
        band.setSeriesStroke(0, ChartStyle.line(theme, 2.6f));
        XYErrorRenderer points = (XYErrorRenderer) plot.getRenderer(1);
        points.setSeriesPaint(0, theme.text());
        points.setErrorPaint(theme.text());
        points.setErrorStroke(ChartStyle.line(theme, 1.6f));
        double r = 5 * theme.scale();
        points.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-r, -r, 2 * r, 2 * r));
        Color marker = Theme.OKABE_ITO[5];
        hMarker.setPaint(marker);
        hMarker.setStroke(new BasicStroke((float) (2 * theme.scale()), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                10f, new float[] {(float) (6 * theme.scale()), (float) (4 * theme.scale())}, 0f));
        hMarker.setLabelFont(Fonts.sans(theme.fontSize() * 0.9f, true));
        hMarker.setLabelPaint(theme.text());
        chart.getTitle().setFont(Fonts.sans(theme.fontSize() * 1.05f, true));
        summary.setFont(Fonts.sans(theme.fontSize() * 0.9f, false));
        summary.setPaint(theme.text());
    }

    /** Items on the chart's first-order series (tests check it receives data). */
    public int lineItemCount() {
        return firstOrder.getItemCount();
    }

    public JFreeChart chart() {
        return chart;
    }
}
