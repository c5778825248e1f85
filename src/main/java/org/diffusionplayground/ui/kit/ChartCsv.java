package org.diffusionplayground.ui.kit;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.scene.control.Alert;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.stage.FileChooser;
import org.diffusionplayground.model.util.AtomicFiles;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;

/**
 * A chart's data as CSV (RFC 4180), the same for every chart of the app: "Export data as CSV…" in the
 * chart's context menu writes what the chart draws, so a lecturer can plot it again elsewhere.
 *
 * <p>One row per x value, one column per series (wide, as a spreadsheet plots it): the first column is the
 * x axis, headed by its label (the quantity and its unit, e.g. "𝔥" or "step"); each series' column is headed
 * "series name (y axis label)", so a column says what it is and in which unit even where two series use
 * two y axes. A series drawn with an interval (error bar, band) adds "… low" and "… high" columns. A cell is
 * empty where a series has no point at that x; x values are the union over the series, in increasing
 * order, and a series with the same x twice gets a second row there. Numbers are written with
 * {@link Double#toString}, which reads back to the same double.
 */
public final class ChartCsv {

    public static final String MENU_TEXT = "Export data as CSV…";

    private ChartCsv() {
    }

    /** Adds "Export data as CSV…" to the viewer's context menu (after JFreeChart's own export entries). */
    public static void install(ChartViewer viewer) {
        MenuItem item = new MenuItem(MENU_TEXT);
        item.getStyleClass().add("chart-csv");
        item.setOnAction(e -> save(viewer));
        viewer.getContextMenu().getItems().addAll(new SeparatorMenuItem(), item);
    }

    private static void save(ChartViewer viewer) {
        JFreeChart chart = viewer.getChart();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export chart data as CSV");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV (comma-separated values)", "*.csv"));
        chooser.setInitialFileName(fileStem(chart) + ".csv");
        File f = chooser.showSaveDialog(viewer.getScene() != null ? viewer.getScene().getWindow() : null);
        if (f == null) {
            return;
        }
        Path target = f.toPath();
        try {
            // the file chooser has asked before replacing
            AtomicFiles.write(target, csv(chart).getBytes(StandardCharsets.UTF_8), AtomicFiles.Existing.REPLACE);
        } catch (AtomicFiles.WriteException ex) {
            Alert a = new Alert(Alert.AlertType.ERROR, "The chart's data could not be written to " + target + ": "
                    + ex.getMessage());
            a.setHeaderText("Export data as CSV");
            a.show();
        }
    }

    /** A file name from the chart's title ("Training loss" → "training-loss"). */
    static String fileStem(JFreeChart chart) {
        String title = chart.getTitle() != null ? chart.getTitle().getText() : "";
        String stem = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-")
                .replaceAll("^-|-$", "");
        return stem.isEmpty() ? "chart-data" : stem;
    }

    /** One column of the table: a series' y (or its interval's end) by x, in the order the series has them. */
    private record Column(String header, Map<Double, List<Double>> byX) {
    }

    /** The chart's series as CSV (see the class comment); an XY chart with no data gives the header alone. */
    public static String csv(JFreeChart chart) {
        if (!(chart.getPlot() instanceof XYPlot plot)) {
            throw new IllegalArgumentException("only XY charts have series to export");
        }
        ValueAxis domain = plot.getDomainAxis();
        String xHeader = domain != null && domain.getLabel() != null && !domain.getLabel().isBlank()
                ? domain.getLabel() : "x";
        List<Column> columns = new ArrayList<>();
        TreeMap<Double, Integer> rowsAtX = new TreeMap<>();
        for (int d = 0; d < plot.getDatasetCount(); d++) {
            XYDataset data = plot.getDataset(d);
            if (data == null) {
                continue;
            }
            ValueAxis range = plot.getRangeAxisForDataset(d);
            String unit = range != null && range.getLabel() != null && !range.getLabel().isBlank()
                    ? " (" + range.getLabel() + ")" : "";
            for (int s = 0; s < data.getSeriesCount(); s++) {
                String name = String.valueOf(data.getSeriesKey(s));
                boolean interval = hasInterval(data, s);
                Column y = new Column(name + unit, new LinkedHashMap<>());
                Column low = interval ? new Column(name + " low" + unit, new LinkedHashMap<>()) : null;
                Column high = interval ? new Column(name + " high" + unit, new LinkedHashMap<>()) : null;
                for (int i = 0; i < data.getItemCount(s); i++) {
                    double x = data.getXValue(s, i);
                    if (Double.isNaN(x)) {
                        continue;
                    }
                    add(y, x, data.getYValue(s, i));
                    if (interval) {
                        IntervalXYDataset in = (IntervalXYDataset) data;
                        add(low, x, in.getStartYValue(s, i));
                        add(high, x, in.getEndYValue(s, i));
                    }
                    rowsAtX.merge(x, y.byX().get(x).size(), Math::max);
                }
                columns.add(y);
                if (interval) {
                    columns.add(low);
                    columns.add(high);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(cell(xHeader));
        for (Column c : columns) {
            out.append(',').append(cell(c.header()));
        }
        out.append("\r\n");
        for (Map.Entry<Double, Integer> row : rowsAtX.entrySet()) {
            for (int k = 0; k < row.getValue(); k++) {
                out.append(number(row.getKey()));
                for (Column c : columns) {
                    List<Double> ys = c.byX().get(row.getKey());
                    out.append(',');
                    if (ys != null && k < ys.size()) {
                        out.append(number(ys.get(k)));
                    }
                }
                out.append("\r\n");
            }
        }
        return out.toString();
    }

    private static void add(Column c, double x, double y) {
        c.byX().computeIfAbsent(x, k -> new ArrayList<>()).add(y);
    }

    /** Whether the series is drawn with a y interval (a band or error bars that differ from the value). */
    private static boolean hasInterval(XYDataset data, int s) {
        if (!(data instanceof IntervalXYDataset in)) {
            return false;
        }
        for (int i = 0; i < data.getItemCount(s); i++) {
            double y = data.getYValue(s, i);
            double lo = in.getStartYValue(s, i);
            double hi = in.getEndYValue(s, i);
            if (!same(lo, y) || !same(hi, y)) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(double a, double b) {
        return Double.compare(a, b) == 0;
    }

    /** A number cell: empty for a missing (NaN) value. */
    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** A text cell, quoted when it holds a comma, a quote or a line break (RFC 4180 §2). */
    static String cell(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
