package org.diffusionplayground.ui.lab;

import java.text.DecimalFormat;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.diffusionplayground.app.SamplerLabViewModel;
import org.diffusionplayground.model.lab.LabCell;
import org.diffusionplayground.model.lab.LabReport;
import org.diffusionplayground.model.lab.LabSampler;
import org.diffusionplayground.model.lab.LabTable;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.ui.kit.ChartCsv;
import org.diffusionplayground.ui.kit.ChartStyle;
import org.diffusionplayground.ui.kit.Controls;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The sampler lab's tab (docs/MATH.md §3.4): a button that compares every fixed-step solver on the scene's
 * model at the lab's budgets, a log–log chart of each sampler's error against the exact answer (W2 to the data
 * when the data has no exact score) versus NFE, and the table the command line prints, copyable as CSV.
 */
public final class SamplerLabPanel extends VBox {

    /** A colour-blind-safe colour per sampler: Okabe–Ito without its pale yellow. */
    private static final java.awt.Color[] SERIES_COLOURS = {Theme.OKABE_ITO[0], Theme.OKABE_ITO[1], Theme.OKABE_ITO[2],
        Theme.OKABE_ITO[4], Theme.OKABE_ITO[5], Theme.OKABE_ITO[6]};

    private final SamplerLabViewModel lab;
    private final XYSeriesCollection series = new XYSeriesCollection();
    private final JFreeChart chart;
    private final LogAxis errorAxis = new LogAxis("error against the exact answer");
    private final TextArea table = new TextArea();
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    private Theme theme;

    public SamplerLabPanel(SamplerLabViewModel lab, ObservableValue<Theme> themeValue) {
        super(8);
        this.lab = lab;
        setId("sampler-lab");
        getStyleClass().add("chart-panel");
        Button run = new Button("Compare samplers");
        run.setId("lab-run");
        run.setOnAction(e -> lab.run());
        run.disableProperty().bind(lab.activity().busyProperty());
        Controls.tipped(run, "Every fixed-step solver at 10, 20, 50, 100 and 200 score evaluations per particle, "
                + "from the same x_T with the same noise, on the scene's model, 𝔥, particles and seed");
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> lab.cancel());
        cancel.disableProperty().bind(lab.activity().busyProperty().not());
        Button copy = new Button("Copy CSV");
        copy.setId("lab-copy-csv");
        copy.disableProperty().bind(lab.resultProperty().isNull());
        copy.setOnAction(e -> copyCsv());
        Label status = new Label();
        status.getStyleClass().add("status-line");
        status.setWrapText(true);
        status.textProperty().bind(lab.activity().statusProperty().concat(lab.activity().errorProperty()));

        LogAxis nfe = new LogAxis("score evaluations per particle (NFE)");
        nfe.setSmallestValue(1);
        nfe.setNumberFormatOverride(new DecimalFormat("0"));
        nfe.setTickUnit(new NumberTickUnit(0.5)); // in decades: 10, 32, 100, 316
        errorAxis.setSmallestValue(1e-8);
        errorAxis.setNumberFormatOverride(new DecimalFormat("0.#E0"));
        errorAxis.setTickUnit(new NumberTickUnit(1));
        XYPlot plot = new XYPlot(series, nfe, errorAxis, renderer);
        chart = new JFreeChart("Sampler error versus NFE", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId("lab-chart");
        ChartCsv.install(viewer);
        viewer.setMinHeight(220);
        VBox.setVgrow(viewer, Priority.ALWAYS);
        table.setEditable(false);
        table.setId("lab-table");
        table.setStyle("-fx-font-family: monospace;");
        table.setPrefRowCount(10);
        getChildren().addAll(new HBox(8, run, cancel, copy), status, viewer, table);
        theme = themeValue.getValue();
        colour();
        themeValue.addListener((obs, old, t) -> {
            theme = t;
            colour();
        });
        lab.resultProperty().addListener((obs, old, r) -> show(r));
    }

    /** The chart, for the export dialog. */
    public JFreeChart chart() {
        return chart;
    }

    private void show(SamplerLabViewModel.Result r) {
        if (r == null) {
            return;
        }
        LabReport report = r.report();
        boolean exact = report.cells().stream().anyMatch(c -> Double.isFinite(c.exactError()));
        ChartStyle.inOneRedraw(chart, () -> {
            errorAxis.setLabel(exact ? "error against the exact answer" : "W2 to the data");
            series.removeAllSeries();
            for (LabSampler s : report.samplers()) {
                XYSeries line = new XYSeries(s.name());
                for (LabCell c : report.cellsOf(s)) {
                    double y = exact ? c.exactError() : c.w2();
                    if (y > 0 && Double.isFinite(y)) {
                        line.add(c.nfe(), y);
                    }
                }
                series.addSeries(line);
            }
            colour();
        });
        table.setText(LabTable.text(report, r.model(), r.data(), r.schedule(), r.options()));
    }

    /** The theme on the chart, and each sampler's colour and line width. */
    private void colour() {
        ChartStyle.apply(chart, theme);
        for (int i = 0; i < series.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, SERIES_COLOURS[i % SERIES_COLOURS.length]);
            renderer.setSeriesStroke(i, ChartStyle.line(theme, 2f));
        }
    }

    private void copyCsv() {
        SamplerLabViewModel.Result r = lab.resultProperty().get();
        ClipboardContent content = new ClipboardContent();
        content.putString(LabTable.csv(r.report(), r.model(), r.data(), r.schedule(), r.options()));
        Clipboard.getSystemClipboard().setContent(content);
    }
}
