package org.diffusionplayground.ui;

import java.awt.Color;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.diffusionplayground.app.LiveSample;
import org.diffusionplayground.app.LossPoint;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.ui.kit.ChartStyle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The live loss chart of training: batch loss (faint) and its moving average on the left axis, and the running
 * W2 of the scene's samples to held-out data on the right axis (MATH.md §6.4): the loss flattens at the DSM
 * floor long before the samples stop improving, W2 shows when they do.
 */
public final class LossChart extends ChartViewer {

    private final XYSeries raw = new XYSeries("batch loss");
    private final XYSeries smoothed = new XYSeries("smoothed");
    private final XYSeries w2 = new XYSeries("W2 to held-out data (right)");
    private final JFreeChart chart;

    public LossChart(ObservableList<LossPoint> losses, ObservableList<LiveSample> live, ObservableValue<Theme> theme) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(raw);
        data.addSeries(smoothed);
        NumberAxis x = new NumberAxis("step");
        x.setAutoRangeIncludesZero(true);
        // linear: the DSM loss has an irreducible floor, so a run spans well under a decade (≈ 1 → 0.25 on
        // the swiss roll), and a log axis then labels a single tick
        NumberAxis y = new NumberAxis("loss, DSM scale");
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        XYPlot plot = new XYPlot(data, x, y, r);
        ChartStyle.rightAxis(plot, "W2 to held-out data", w2);
        chart = new JFreeChart("Training loss", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        setChart(chart);
        setId("loss-chart");
        setPrefHeight(230);
        setMinHeight(160);
        losses.addListener((ListChangeListener<LossPoint>) change -> {
            while (change.next()) {
                if (change.wasRemoved() && losses.isEmpty()) {
                    raw.clear();
                    smoothed.clear();
                }
                for (LossPoint p : change.getAddedSubList()) {
                    if (p.loss() > 0 && Double.isFinite(p.loss())) {
                        raw.add(p.step(), p.loss(), false);
                    }
                    if (p.smoothed() > 0 && Double.isFinite(p.smoothed())) {
                        smoothed.add(p.step(), p.smoothed(), true);
                    }
                }
            }
        });
        live.addListener((ListChangeListener<LiveSample>) change -> {
            while (change.next()) {
                if (change.wasRemoved() && live.isEmpty()) {
                    w2.clear();
                }
                // a refresh is added without its W2 and replaced once it is measured
                for (LiveSample p : change.getAddedSubList()) {
                    if (Double.isFinite(p.w2())) {
                        w2.addOrUpdate(p.step(), p.w2());
                    }
                }
            }
        });
        style(theme.getValue());
        theme.addListener((obs, old, t) -> style(t));
    }

    private void style(Theme theme) {
        ChartStyle.apply(chart, theme);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        Color accent = theme.particles();
        r.setSeriesPaint(0, new Color(accent.getRed(), accent.getGreen(), accent.getBlue(), 90));
        r.setSeriesStroke(0, ChartStyle.line(theme, 1f));
        r.setSeriesPaint(1, theme.accent());
        r.setSeriesStroke(1, ChartStyle.line(theme, 2.4f));
        XYLineAndShapeRenderer w2Renderer = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer(1);
        w2Renderer.setSeriesPaint(0, theme.secondAccent());
        w2Renderer.setSeriesStroke(0, ChartStyle.line(theme, 1.6f));
    }

    /** Points of the running W2 on the chart. */
    public int w2Count() {
        return w2.getItemCount();
    }

    /** Points on the chart (tests check the chart receives data). */
    public int pointCount() {
        return raw.getItemCount();
    }

    public JFreeChart chart() {
        return chart;
    }
}
