package org.diffusionplayground.ui.lens;

import java.util.Locale;
import javafx.beans.value.ObservableValue;
import javafx.scene.layout.VBox;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.app.lens.SpeciationLensModel;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.scene.lens.SpeciationView;
import org.diffusionplayground.ui.kit.ChartStyle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The symmetry-breaking charts: the mean assignment entropy of the backward particles against t with
 * the closed-form critical time and the current time marked, and the potential −ln p_t along the line
 * through two modes at the current time (it follows the time scrubber and the animation).
 */
final class SpeciationCharts extends VBox {

    private static final int POTENTIAL_POINTS = 241;

    private final SceneViewModel scene;
    private final SpeciationLensModel model;
    private final XYSeries entropy = new XYSeries("mean assignment entropy");
    private final XYSeries potential = new XYSeries("−ln p_t");
    private final ThemedChart entropyChart;
    private final ThemedChart potentialChart;
    private ValueMarker now;
    private ValueMarker critical;

    SpeciationCharts(SceneViewModel scene, SpeciationLensModel model, ObservableValue<Theme> theme) {
        super(6);
        this.scene = scene;
        this.model = model;
        XYPlot ep = new XYPlot(new XYSeriesCollection(entropy), new NumberAxis("t"),
                new NumberAxis("E[−Σ w ln w]  (nats)"), new XYLineAndShapeRenderer(true, false));
        entropyChart = new ThemedChart(new JFreeChart("Symmetry breaking: mode assignment entropy",
                JFreeChart.DEFAULT_TITLE_FONT, ep, false), theme, "chart-speciation-entropy") {
            @Override
            void style() {
                super.style();
                ((XYLineAndShapeRenderer) plot().getRenderer()).setSeriesPaint(0, theme().particles());
                plot().getRenderer().setSeriesStroke(0, ChartStyle.line(theme(), 2.4f));
            }
        };
        XYPlot pp = new XYPlot(new XYSeriesCollection(potential),
                new NumberAxis("position on the line (mode A at 0, mode B at 1)"),
                new NumberAxis("−ln p_t + const"), new XYLineAndShapeRenderer(true, false));
        ((NumberAxis) pp.getRangeAxis()).setAutoRangeIncludesZero(true);
        potentialChart = new ThemedChart(new JFreeChart("Potential along the line through two modes",
                JFreeChart.DEFAULT_TITLE_FONT, pp, false), theme, "chart-speciation-potential") {
            @Override
            void style() {
                super.style();
                ((XYLineAndShapeRenderer) plot().getRenderer()).setSeriesPaint(0, Theme.OKABE_ITO[6]);
                plot().getRenderer().setSeriesStroke(0, ChartStyle.line(theme(), 2.4f));
            }
        };
        getChildren().addAll(entropyChart, potentialChart);
        model.curveProperty().addListener((o, was, c) -> showCurve(c));
        model.viewProperty().addListener((o, was, v) -> {
            showCritical(v);
            showPotential();
        });
        scene.timeProperty().addListener((o, was, t) -> {
            moveNow(t.doubleValue());
            showPotential();
        });
        showCurve(model.curveProperty().get());
        showCritical(model.viewProperty().get());
        showPotential();
        moveNow(scene.timeProperty().get());
    }

    ThemedChart entropyChart() {
        return entropyChart;
    }

    ThemedChart potentialChart() {
        return potentialChart;
    }

    private void showCurve(double[][] c) {
        entropy.clear();
        if (c == null) {
            return;
        }
        for (int k = 0; k < c[0].length; k++) {
            entropy.add(c[0][k], c[1][k], false);
        }
        entropy.fireSeriesChanged();
    }

    private void showCritical(SpeciationView v) {
        XYPlot p = entropyChart.plot();
        if (critical != null) {
            p.removeDomainMarker(critical);
            critical = null;
        }
        if (v != null && Double.isFinite(v.criticalTime())) {
            critical = entropyChart.marker(v.criticalTime(), Theme.OKABE_ITO[6], 2f, true,
                    String.format(Locale.ROOT, "t_c = %.3f ", v.criticalTime()));
            p.addDomainMarker(critical);
            entropyChart.note(String.format(Locale.ROOT,
                    "falls from ln K = %.2f to 0; modes A, B split at α²(μ² − v) = σ² (dashed)", v.maxEntropy()));
        }
    }

    private void moveNow(double t) {
        XYPlot p = entropyChart.plot();
        if (now != null) {
            p.removeDomainMarker(now);
        }
        now = entropyChart.marker(t, entropyChart.theme().accent(), 1.5f, false, null);
        p.addDomainMarker(now);
    }

    private void showPotential() {
        SpeciationView v = model.viewProperty().get();
        potential.clear();
        if (v == null || scene.scheduleProperty().get() == null) {
            return;
        }
        double t = Math.max(scene.tMin(), Math.min(scene.tMax(), scene.timeProperty().get()));
        double[] u = v.potential(t, POTENTIAL_POINTS);
        double min = Double.POSITIVE_INFINITY;
        for (double x : u) {
            min = Math.min(min, x);
        }
        for (int j = 0; j < u.length; j++) {
            double s = -SpeciationView.OVERHANG + (1 + 2 * SpeciationView.OVERHANG) * j / (u.length - 1);
            potential.add(s, u[j] - min, false);
        }
        potential.fireSeriesChanged();
        double barrier = SpeciationView.barrier(u);
        potentialChart.note(String.format(Locale.ROOT, "t = %.3f: %s", t, barrier > 1e-9
                ? String.format(Locale.ROOT, "two wells, barrier %.3g nats between A and B — particles have chosen",
                        barrier)
                : "one well between A and B — still undecided"));
    }
}
