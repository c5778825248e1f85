package org.diffusionplayground.ui;

import java.awt.Color;
import java.util.Locale;
import javafx.beans.value.ObservableValue;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.model.likelihood.FirstOrderLine;
import org.diffusionplayground.render.Fonts;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.ui.kit.ChartCsv;
import org.diffusionplayground.ui.kit.ChartStyle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * NLL versus 𝔥 (MATH.md §5): the first-order line NLL(0) − 𝔥·E[C] with a band of ± 2 standard errors
 * over the evaluated points, the measured PF-ODE NLL at 𝔥 = 0 with its error bar, the exact NLL(𝔥) from
 * the Fokker–Planck grid on the same points with the grid's own error bar, and a marker at the sampler's
 * current 𝔥 that follows the slider and reads off both curves there. Only draws what it is given.
 */
public final class LikelihoodChart extends ChartViewer {

    /** Points along the line and its band. */
    private static final int LINE_POINTS = 61;
    /** Half-width of the band in standard errors (≈ 95 %). */
    static final double BAND_SE = 2.0;
    /**
     * Right end of the close-up: first order is a statement about the tangent at 𝔥 = 0, and on the bundled
     * models the exact curve leaves the line by 𝔥 ≈ 0.001–0.01 (docs/results.md), invisible at 0 … 3.
     */
    public static final double CLOSE_UP_MAX_H = 0.1;

    private static final String FIRST_ORDER = "first order: NLL(0) − 𝔥·E[C]  (± 2 s.e.)";
    private static final String FIRST_ORDER_CLOSE_UP = "first order: NLL(0) − 𝔥·E[C]  (± 2 s.e. of the slope)";
    private static final String EXACT = "exact: Fokker–Planck grid  (± s.e. + grid error)";
    private static final String EXACT_CLOSE_UP = "exact: Fokker–Planck grid, same points  (± grid error)";
    private final YIntervalSeries firstOrder = new YIntervalSeries(FIRST_ORDER);
    private final YIntervalSeries measured = new YIntervalSeries("measured: PF-ODE NLL at 𝔥 = 0");
    private final YIntervalSeries exact = new YIntervalSeries(EXACT);
    private double[][] exactRows;
    private final JFreeChart chart;
    private final TextTitle summary = new TextTitle("");
    private final ValueMarker hMarker = ChartStyle.hMarker();
    private final NumberAxis hAxis;
    private FirstOrderLine line;
    private String description = "";
    private double h;
    private boolean closeUp;
    private Theme theme;

    public LikelihoodChart(ObservableValue<Theme> themeValue) {
        YIntervalSeriesCollection lineData = new YIntervalSeriesCollection();
        lineData.addSeries(firstOrder);
        YIntervalSeriesCollection pointData = new YIntervalSeriesCollection();
        pointData.addSeries(measured);
        NumberAxis x = new NumberAxis("𝔥");
        hAxis = x;
        setHAxisRange();
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
        YIntervalSeriesCollection exactData = new YIntervalSeriesCollection();
        exactData.addSeries(exact);
        XYErrorRenderer exactRenderer = new XYErrorRenderer();
        exactRenderer.setDrawXError(false);
        exactRenderer.setDefaultShapesVisible(true);
        exactRenderer.setDefaultLinesVisible(true);
        plot.setDataset(2, exactData);
        plot.setRenderer(2, exactRenderer);
        plot.addDomainMarker(hMarker);
        chart = new JFreeChart("Negative log-likelihood versus 𝔥", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setPadding(new org.jfree.chart.ui.RectangleInsets(4, 4, 4, 16)); // room for the last tick label
        chart.addSubtitle(summary);
        setChart(chart);
        ChartCsv.install(this);
        setId("likelihood-chart");
        setMinHeight(220);
        theme = themeValue.getValue();
        style();
        themeValue.addListener((obs, old, t) -> {
            theme = t;
            style();
        });
    }

    /**
     * Shows the exact NLL(𝔥) rows {𝔥, E[NLL], s.e., grid error} ({@code FokkerPlanckResult.nllCurve}; the grid
     * error may be missing or NaN; null clears the curve).
     */
    public void showExact(double[][] rows) {
        ChartStyle.inOneRedraw(chart, () -> showExactNow(rows));
    }

    private void showExactNow(double[][] rows) {
        exactRows = rows;
        exact.clear();
        if (rows != null) {
            for (double[] r : rows) {
                if (Double.isFinite(r[1])) {
                    // the close-up compares the curve with the line on the same points: the scatter of the
                    // points (± 0.02–0.03 nats on 500) is common to both and would hide differences of 10⁻³, so
                    // there the bar is the grid's own error alone; elsewhere both, added (the grid error is a
                    // bound, not a standard deviation)
                    double se = closeUp || !Double.isFinite(r[2]) ? 0 : r[2];
                    double grid = r.length > 3 && Double.isFinite(r[3]) ? r[3] : 0;
                    exact.add(r[0], r[1], r[1] - se - grid, r[1] + se + grid);
                }
            }
        }
        updateMarker();
    }

    /**
     * Switches between the slider's whole range (0 … 3) and the close-up 0 … {@value #CLOSE_UP_MAX_H}
     * where the first-order line and the exact curve meet; the NLL axis follows what is visible.
     */
    public void setCloseUp(boolean on) {
        ChartStyle.inOneRedraw(chart, () -> setCloseUpNow(on));
    }

    private void setCloseUpNow(boolean on) {
        if (on != closeUp) {
            closeUp = on;
            setHAxisRange();
            firstOrder.setKey(on ? FIRST_ORDER_CLOSE_UP : FIRST_ORDER);
            exact.setKey(on ? EXACT_CLOSE_UP : EXACT);
            show(line, description);
            showExact(exactRows);
        }
    }

    private double hMax() {
        return closeUp ? CLOSE_UP_MAX_H : SceneViewModel.SLIDER_MAX_H;
    }

    private void setHAxisRange() {
        hAxis.setRange(0, hMax());
        // whole range: the slider's own marks 0, 0.5, … 3; close-up: 0, 0.02, … 0.1
        hAxis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(closeUp ? 0.02 : 0.5));
        XYPlot plot = chart == null ? null : chart.getXYPlot();
        if (plot != null) {
            // the NLL axis scales to what lies inside the visible 𝔥 range, not to the whole line
            ((NumberAxis) plot.getRangeAxis()).setAutoRange(true);
        }
    }

    /** Shows a new result (null clears the chart). */
    public void show(FirstOrderLine l, String description) {
        ChartStyle.inOneRedraw(chart, () -> showNow(l, description));
    }

    private void showNow(FirstOrderLine l, String description) {
        line = l;
        this.description = description == null ? "" : description;
        firstOrder.clear();
        measured.clear();
        if (l == null) {
            summary.setText(description == null ? "" : description);
            updateMarker();
            return;
        }
        double hMax = hMax();
        for (int i = 0; i < LINE_POINTS; i++) {
            double hv = hMax * i / (LINE_POINTS - 1);
            double m = l.nll(hv);
            double e = BAND_SE * (closeUp ? l.slopeStandardError(hv) : l.standardError(hv));
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
        ChartStyle.inOneRedraw(chart, this::updateMarker);
    }

    private void updateMarker() {
        hMarker.setValue(Math.min(h, SceneViewModel.SLIDER_MAX_H));
        String exactPart = exact.getItemCount() == 0 ? "" : String.format(Locale.ROOT, ", exact %.3f", exactAt(h));
        hMarker.setLabel(line == null ? String.format(Locale.ROOT, " 𝔥 = %.2f", h)
                : String.format(Locale.ROOT, " 𝔥 = %.2f: first order %.3f%s", h, line.nll(h), exactPart));
    }

    /** The exact curve at 𝔥, linear between its points (NaN outside them). */
    double exactAt(double hv) {
        int n = exact.getItemCount();
        for (int i = 0; i + 1 < n; i++) {
            double h0 = exact.getX(i).doubleValue();
            double h1 = exact.getX(i + 1).doubleValue();
            if (hv >= h0 && hv <= h1) {
                double w = h1 > h0 ? (hv - h0) / (h1 - h0) : 0;
                return (1 - w) * exact.getYValue(i) + w * exact.getYValue(i + 1);
            }
        }
        return n == 1 && exact.getX(0).doubleValue() == hv ? exact.getYValue(0) : Double.NaN;
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
        XYErrorRenderer exactRenderer = (XYErrorRenderer) plot.getRenderer(2);
        Color exactColour = theme.dark() ? Theme.OKABE_ITO[1] : Theme.OKABE_ITO[4]; // sky blue / blue
        exactRenderer.setSeriesPaint(0, exactColour);
        exactRenderer.setErrorPaint(exactColour);
        exactRenderer.setSeriesStroke(0, ChartStyle.line(theme, 2.6f));
        exactRenderer.setErrorStroke(ChartStyle.line(theme, 1.4f));
        double q = 4.5 * theme.scale();
        exactRenderer.setSeriesShape(0, new java.awt.geom.Rectangle2D.Double(-q, -q, 2 * q, 2 * q));
        ChartStyle.styleHMarker(hMarker, theme);
        chart.getTitle().setFont(Fonts.sans(theme.fontSize() * 1.05f, true));
        summary.setFont(Fonts.sans(theme.fontSize() * 0.9f, false));
        summary.setPaint(theme.text());
    }

    /** Items on the chart's first-order series (tests check it receives data). */
    public int lineItemCount() {
        return firstOrder.getItemCount();
    }

    /** Points on the exact curve. */
    public int exactItemCount() {
        return exact.getItemCount();
    }

    public JFreeChart chart() {
        return chart;
    }
}
