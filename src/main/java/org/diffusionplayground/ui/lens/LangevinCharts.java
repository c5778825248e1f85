package org.diffusionplayground.ui.lens;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import javafx.beans.value.ObservableValue;
import javafx.scene.layout.VBox;
import org.diffusionplayground.app.lens.LangevinLensModel;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.scene.lens.LangevinComparison;
import org.diffusionplayground.ui.kit.ChartStyle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.ClusteredXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Why annealing: where the particles end, mode by mode (modes ordered from the data's centre outwards),
 * for the data's weights, the annealed sampler and the fixed-level Langevin chain; and the chain's mode
 * hops against its moves — a flat line is a chain that is stuck.
 */
final class LangevinCharts extends VBox {

    private final LangevinLensModel model;
    private final XYSeries weights = new XYSeries("data weight");
    private final XYSeries annealed = new XYSeries("annealed sampler");
    private final XYSeries langevin = new XYSeries("Langevin at fixed t");
    private final XYSeries hops = new XYSeries("mode hops");
    private final ThemedChart occupancyChart;
    private final ThemedChart hopChart;

    LangevinCharts(LangevinLensModel model, ObservableValue<Theme> theme) {
        super(6);
        this.model = model;
        XYSeriesCollection bars = new XYSeriesCollection();
        bars.addSeries(weights);
        bars.addSeries(annealed);
        bars.addSeries(langevin);
        bars.setIntervalWidth(0.85);
        ClusteredXYBarRenderer barRenderer = new ClusteredXYBarRenderer(0.05, false);
        barRenderer.setBarPainter(new StandardXYBarPainter());
        barRenderer.setShadowVisible(false);
        XYPlot op = new XYPlot(bars, new NumberAxis("mode (from the centre of the data outwards)"),
                new NumberAxis("fraction of particles"), barRenderer);
        ((NumberAxis) op.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        occupancyChart = new ThemedChart(new JFreeChart("Which mode the particles end in",
                JFreeChart.DEFAULT_TITLE_FONT, op, true), theme, "chart-langevin-modes") {
            @Override
            void style() {
                super.style();
                plot().getRenderer().setSeriesPaint(0, theme().data());
                plot().getRenderer().setSeriesPaint(1, theme().particles());
                plot().getRenderer().setSeriesPaint(2, Theme.OKABE_ITO[0]);
            }
        };
        XYPlot hp = new XYPlot(new XYSeriesCollection(hops), new NumberAxis("Langevin move"),
                new NumberAxis("hops so far (all particles)"), new XYLineAndShapeRenderer(true, false));
        ((NumberAxis) hp.getRangeAxis()).setAutoRangeIncludesZero(true);
        hopChart = new ThemedChart(new JFreeChart("Mode hops of the fixed-level chain", JFreeChart.DEFAULT_TITLE_FONT,
                hp, false), theme, "chart-langevin-hops") {
            @Override
            void style() {
                super.style();
                plot().getRenderer().setSeriesPaint(0, Theme.OKABE_ITO[0]);
                plot().getRenderer().setSeriesStroke(0, ChartStyle.line(theme(), 2.4f));
            }
        };
        getChildren().addAll(occupancyChart, hopChart);
        model.resultProperty().addListener((o, was, r) -> show());
        model.annealedOccupancyProperty().addListener((o, was, r) -> show());
        show();
    }

    ThemedChart occupancyChart() {
        return occupancyChart;
    }

    ThemedChart hopChart() {
        return hopChart;
    }

    private void show() {
        hops.clear();
        weights.clear();
        annealed.clear();
        langevin.clear();
        LangevinComparison r = model.resultProperty().get();
        if (r == null) {
            occupancyChart.note("");
            hopChart.note("");
            return;
        }
        if (r.hops() == null) {
            occupancyChart.note("mode proportions and hops need a Gaussian-mixture data set (8 or 25 gaussians)");
            hopChart.note("");
            return;
        }
        long[] h = r.hops();
        int stride = Math.max(1, h.length / 400);
        for (int k = 0; k < h.length; k += stride) {
            hops.add(k, h[k], false);
        }
        hops.add(h.length - 1, h[h.length - 1], false);
        hops.fireSeriesChanged();
        hopChart.note(String.format(Locale.ROOT, "t = %.3f, η = %.2g: %,d hops in %,d moves of %,d particles", r.time(),
                r.stepSize(), h[h.length - 1], r.steps(), r.frames().particles()));
        double[] w = model.weights();
        double[] means = model.means();
        double[] ann = model.annealedOccupancyProperty().get();
        if (w == null || means == null || w.length != r.occupancy().length) {
            return;
        }
        Integer[] order = centreOutwards(w, means);
        for (int j = 0; j < order.length; j++) {
            int c = order[j];
            weights.add(j + 1, w[c], false);
            langevin.add(j + 1, r.occupancy()[c], false);
            if (ann != null && ann.length == w.length) {
                annealed.add(j + 1, ann[c], false);
            }
        }
        weights.fireSeriesChanged();
        annealed.fireSeriesChanged();
        langevin.fireSeriesChanged();
        occupancyChart.note(String.format(Locale.ROOT, "mode proportions off by (total variation): annealed %.3f, "
                + "Langevin at fixed t %.3f", model.annealedErrorProperty().get(), r.weightError()));
    }

    /** Component indices sorted by the distance of their mean from the weighted centre. */
    private static Integer[] centreOutwards(double[] w, double[] means) {
        double cx = 0;
        double cy = 0;
        for (int c = 0; c < w.length; c++) {
            cx += w[c] * means[2 * c];
            cy += w[c] * means[2 * c + 1];
        }
        double fx = cx;
        double fy = cy;
        Integer[] order = new Integer[w.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(c -> Math.hypot(means[2 * c] - fx, means[2 * c + 1] - fy)));
        return order;
    }
}
