package org.diffusionplayground.ui.lens;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import org.diffusionplayground.app.lens.ObjectiveRace;
import org.diffusionplayground.app.lens.ObjectivesLensModel;
import org.diffusionplayground.model.train.Objective;
import org.diffusionplayground.model.util.Estimate;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.ui.kit.ChartStyle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The three objectives' loss curves on one (DSM) scale as the networks train side by side, and their
 * remaining score errors against the true score when it is known.
 */
final class ObjectiveRaceChart extends ThemedChart {

    private static final java.awt.Color[] COLOURS = {Theme.OKABE_ITO[4], Theme.OKABE_ITO[5], Theme.OKABE_ITO[2]};

    private final Map<Objective, XYSeries> series = new EnumMap<>(Objective.class);

    ObjectiveRaceChart(ObjectivesLensModel model, ObservableValue<Theme> theme) {
        super(new JFreeChart("Score-matching objectives: loss on the DSM scale", JFreeChart.DEFAULT_TITLE_FONT,
                new XYPlot(new XYSeriesCollection(), new NumberAxis("training step"), lossAxis(),
                        new XYLineAndShapeRenderer(true, false)), true), theme, "chart-objectives");
        XYSeriesCollection data = (XYSeriesCollection) plot().getDataset();
        for (Objective o : Objective.values()) {
            XYSeries s = new XYSeries(o.name() + " — " + o.label());
            series.put(o, s);
            data.addSeries(s);
        }
        setPrefHeight(330);
        style();
        model.points().addListener((ListChangeListener<ObjectiveRace.Point>) c -> {
            while (c.next()) {
                if (c.wasRemoved() && model.points().isEmpty()) {
                    series.values().forEach(XYSeries::clear);
                }
                for (ObjectiveRace.Point p : c.getAddedSubList()) {
                    if (p.loss() > 0) {
                        series.get(p.objective()).add(p.step(), p.loss());
                    }
                }
            }
        });
        model.resultProperty().addListener((o, was, r) -> note(r));
        note((ObjectiveRace.Result) null);
    }

    private static NumberAxis lossAxis() {
        NumberAxis y = new NumberAxis("loss (DSM scale)");
        y.setAutoRangeIncludesZero(false);
        return y;
    }

    @Override
    void style() {
        super.style();
        if (series == null) {
            return; // called by the constructor of ThemedChart, before the series exist
        }
        for (int k = 0; k < COLOURS.length; k++) {
            plot().getRenderer().setSeriesPaint(k, COLOURS[k]);
            plot().getRenderer().setSeriesStroke(k, ChartStyle.line(theme(), 2.0f));
        }
    }

    private void note(ObjectiveRace.Result r) {
        if (r == null) {
            note("three 2×64 networks, same start, data, seed and batches; mean loss of every 10 steps");
            return;
        }
        if (r.scoreError().isEmpty()) {
            note(String.format(Locale.ROOT, "after %,d steps each (the true score of this data is not known)",
                    r.steps()));
            return;
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "distance to the true score, E σ²·½‖s_θ − ∇log p_t‖², after %,d steps each:\n", r.steps()));
        String sep = "";
        for (Map.Entry<Objective, Estimate> e : r.scoreError().entrySet()) {
            sb.append(String.format(Locale.ROOT, "%s%s %.4f ± %.4f", sep, e.getKey(), e.getValue().mean(),
                    e.getValue().halfWidth95()));
            sep = "   ·   ";
        }
        note(sb.toString());
    }
}
