package org.diffusionplayground.ui.lens;

import java.awt.BasicStroke;
import java.awt.Color;
import javafx.beans.value.ObservableValue;
import org.diffusionplayground.render.Fonts;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.ui.kit.ChartCsv;
import org.diffusionplayground.ui.kit.ChartStyle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;

/**
 * A lens chart: a JFreeChart-FX viewer styled with the scene's theme (and restyled when it changes), with
 * a one-line note under the title for numbers and verdicts. Exports go through the app's export dialog
 * ({@link LensCharts#exportTargets()}).
 */
class ThemedChart extends ChartViewer {

    private final JFreeChart chart;
    private final TextTitle note = new TextTitle("");
    private Theme theme;

    ThemedChart(JFreeChart chart, ObservableValue<Theme> theme, String id) {
        super(chart);
        ChartCsv.install(this);
        this.chart = chart;
        setId(id);
        setPrefHeight(230);
        setMinHeight(170);
        chart.addSubtitle(0, note);
        this.theme = theme.getValue();
        style();
        theme.addListener((o, was, now) -> {
            this.theme = now;
            style();
        });
    }

    JFreeChart chart() {
        return chart;
    }

    XYPlot plot() {
        return chart.getXYPlot();
    }

    Theme theme() {
        return theme;
    }

    /** The one-line note under the title (numbers, verdicts). */
    void note(String text) {
        note.setText(text);
    }

    String noteText() {
        return note.getText();
    }

    /** Restyles after a theme change; subclasses colour their series here. */
    void style() {
        ChartStyle.apply(chart, theme);
        note.setFont(Fonts.sans(theme.fontSize() * 0.8f, false));
        note.setPaint(theme.text());
        chart.setBackgroundPaint(theme.panel());
    }

    /** A vertical marker line at x (current time, critical time). */
    ValueMarker marker(double x, Color colour, float width, boolean dashed, String label) {
        ValueMarker m = new ValueMarker(x);
        m.setPaint(colour);
        m.setStroke(dashed ? new BasicStroke((float) (width * theme.scale()), BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
                : new BasicStroke((float) (width * theme.scale())));
        if (label != null) {
            m.setLabel(label);
            m.setLabelFont(Fonts.sans(theme.fontSize() * 0.75f, false));
            m.setLabelPaint(colour);
            m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_LEFT);
        }
        return m;
    }
}
