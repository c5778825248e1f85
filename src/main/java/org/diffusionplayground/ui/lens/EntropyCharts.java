package org.diffusionplayground.ui.lens;

import java.util.Arrays;
import java.util.Locale;
import javafx.beans.value.ObservableValue;
import javafx.scene.layout.VBox;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.app.lens.EntropyLensModel;
import org.diffusionplayground.app.lens.EntropyReport;
import org.diffusionplayground.model.lens.FluctuationCheck;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.ui.kit.ChartStyle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The entropy charts: the production rate Ṡ(t) of the forward process (log scale, current time and the
 * paths' start marked, ∫Ṡ dt noted), and the histogram of the per-path total entropy Δs with the
 * fluctuation-theorem check ⟨e^{−Δs}⟩ = 1 and its 95 % interval — or a warning when the tail makes the
 * interval meaningless.
 */
final class EntropyCharts extends VBox {

    private static final int BINS = 60;

    private final XYSeries rate = new XYSeries("Ṡ(t)");
    private final ThemedChart rateChart;
    private final ThemedChart histogramChart;
    private ValueMarker now;
    private ValueMarker start;

    EntropyCharts(SceneViewModel scene, EntropyLensModel model, ObservableValue<Theme> theme) {
        super(6);
        LogAxis y = new LogAxis("Ṡ  (nats per unit time)");
        y.setSmallestValue(1e-8);
        XYPlot rp = new XYPlot(new XYSeriesCollection(rate), new NumberAxis("t"), y,
                new XYLineAndShapeRenderer(true, false));
        rateChart = new ThemedChart(new JFreeChart("Entropy production of the forward process",
                JFreeChart.DEFAULT_TITLE_FONT, rp, false), theme, "chart-entropy-rate") {
            @Override
            void style() {
                super.style();
                plot().getRenderer().setSeriesPaint(0, theme().accent());
                plot().getRenderer().setSeriesStroke(0, ChartStyle.line(theme(), 2.4f));
            }
        };
        XYBarRenderer bars = new XYBarRenderer(0.05);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        XYPlot hp = new XYPlot(new HistogramDataset(), new NumberAxis("total entropy Δs of a path  (nats)"),
                new NumberAxis("paths"), bars);
        histogramChart = new ThemedChart(new JFreeChart("Per-path entropy and the fluctuation theorem",
                JFreeChart.DEFAULT_TITLE_FONT, hp, false), theme, "chart-entropy-histogram") {
            @Override
            void style() {
                super.style();
                plot().getRenderer().setSeriesPaint(0, theme().particles());
            }
        };
        ValueMarker zero = histogramChart.marker(0, Theme.OKABE_ITO[5], 1.5f, true, "Δs = 0 ");
        hp.addDomainMarker(zero);
        getChildren().addAll(rateChart, histogramChart);
        model.reportProperty().addListener((o, was, r) -> show(r));
        scene.timeProperty().addListener((o, was, t) -> moveNow(t.doubleValue()));
        show(model.reportProperty().get());
        moveNow(scene.timeProperty().get());
    }

    ThemedChart rateChart() {
        return rateChart;
    }

    ThemedChart histogramChart() {
        return histogramChart;
    }

    private void moveNow(double t) {
        if (now != null) {
            rateChart.plot().removeDomainMarker(now);
        }
        now = rateChart.marker(t, rateChart.theme().text(), 1.2f, false, null);
        rateChart.plot().addDomainMarker(now);
    }

    private void show(EntropyReport r) {
        rate.clear();
        if (start != null) {
            rateChart.plot().removeDomainMarker(start);
            start = null;
        }
        if (r == null) {
            histogramChart.plot().setDataset(new HistogramDataset());
            rateChart.note("");
            histogramChart.note("");
            return;
        }
        double max = 0;
        for (double v : r.rates()) {
            max = Math.max(max, v);
        }
        for (int k = 0; k < r.times().length; k++) {
            if (r.rates()[k] > 0) {
                rate.add(r.times()[k], r.rates()[k], false);
            }
        }
        // five decades below the peak over the whole [t_min, T]: Ṡ dies out like α_t² towards T, and its
        // last 10⁻¹⁰ would squash the rest
        if (max > 0) {
            rateChart.plot().getRangeAxis().setRange(1e-5 * max, 3 * max);
            rateChart.plot().getDomainAxis().setRange(r.times()[0], r.times()[r.times().length - 1]);
        }
        rate.fireSeriesChanged();
        start = rateChart.marker(r.start(), Theme.OKABE_ITO[2], 1.5f, true, "paths start ");
        rateChart.plot().addDomainMarker(start);
        FluctuationCheck c = r.check();
        rateChart.note(String.format(Locale.ROOT, "∫ Ṡ dt from t = %.3f to T = %.3f ± %.3f nats;  ⟨Δs⟩ of the paths = "
                + "%.3f ± %.3f", r.start(), r.integral().mean(), r.integral().halfWidth95(), c.total().mean(),
                c.total().halfWidth95()));
        double[] totals = r.run().total();
        double[] sorted = totals.clone();
        Arrays.sort(sorted);
        double lo = sorted[(int) (0.002 * (sorted.length - 1))];
        double hi = sorted[(int) (0.998 * (sorted.length - 1))];
        HistogramDataset histogram = new HistogramDataset();
        if (hi > lo) {
            histogram.addSeries("paths", totals, BINS, lo, hi);
        }
        histogramChart.plot().setDataset(histogram);
        double m = c.exponential().mean();
        double hw = c.exponential().halfWidth95();
        String verdict = c.reliable()
                ? String.format(Locale.ROOT, "⟨e^−Δs⟩ = %.3f ± %.3f (95 %%): the fluctuation theorem holds", m, hw)
                : String.format(Locale.ROOT, "⟨e^−Δs⟩ = %.3f: heavy tail (tail index k = %.2f, %.0f effective of %,d paths),\n"
                        + "carried by rare paths not sampled — start the paths later to see it reach 1", m,
                        c.tailIndex(), c.effectiveSampleSize(), c.paths());
        histogramChart.note(verdict + String.format(Locale.ROOT, "\n%.1f %% of the paths consume entropy (Δs < 0)",
                100 * c.entropyConsuming()));
    }
}
