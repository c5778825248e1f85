package org.diffusionplayground.ui.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;

/**
 * A chart's dataset written as CSV and read back gives the same numbers, bit for bit, at the same x, under
 * headers that name each series and its axis (with the unit the axis label carries).
 */
class ChartCsvTest {

    /** A chart like the app's: two line series on one axis, error bars on a second axis, a quoted label. */
    private static JFreeChart chart(XYSeries a, XYSeries b, YIntervalSeries bars) {
        XYSeriesCollection lines = new XYSeriesCollection();
        lines.addSeries(a);
        lines.addSeries(b);
        XYPlot plot = new XYPlot(lines, new NumberAxis("step"), new NumberAxis("loss, DSM scale"),
                new XYLineAndShapeRenderer());
        YIntervalSeriesCollection intervals = new YIntervalSeriesCollection();
        intervals.addSeries(bars);
        plot.setDataset(1, intervals);
        plot.setRenderer(1, new XYErrorRenderer());
        plot.setRangeAxis(1, new NumberAxis("NLL (nats per point)"));
        plot.mapDatasetToRangeAxis(1, 1);
        return new JFreeChart("Training loss", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    /** RFC 4180 records, written here independently of the class under test. */
    private static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        assertTrue(cell.isEmpty() && row.isEmpty(), "the CSV ends with a line break");
        return rows;
    }

    @Test
    void everySeriesReadsBackToTheSameNumbersUnderItsNameAndUnit() {
        XYSeries raw = new XYSeries("batch loss", true, true);
        XYSeries smoothed = new XYSeries("smoothed");
        YIntervalSeries nll = new YIntervalSeries("measured");
        java.util.Random random = new java.util.Random(7);
        for (int step = 0; step < 50; step++) {
            raw.add(step, Math.exp(-step / 9.0) + random.nextDouble() / 3);
            if (step % 5 == 0) {
                smoothed.add(step + 0.5, 1 / (1.0 + step));
            }
        }
        raw.add(10, 1e-300); // the same x twice: a second row at x = 10
        nll.add(0.1, 2.5, 2.4, 2.6);
        nll.add(3, -1.25e-7, -2e-7, 0.0);

        List<List<String>> rows = parse(ChartCsv.csv(chart(raw, smoothed, nll)));

        assertEquals(List.of("step", "batch loss (loss, DSM scale)", "smoothed (loss, DSM scale)",
                "measured (NLL (nats per point))", "measured low (NLL (nats per point))",
                "measured high (NLL (nats per point))"), rows.get(0));
        List<List<String>> body = rows.subList(1, rows.size());
        // every (x, y) of every series is in its column, exactly once, at its x
        assertSeries(body, 1, raw.toArray());
        assertSeries(body, 2, smoothed.toArray());
        double[][] bars = new double[4][nll.getItemCount()];
        for (int i = 0; i < nll.getItemCount(); i++) {
            bars[0][i] = nll.getX(i).doubleValue();
            bars[1][i] = nll.getYValue(i);
            bars[2][i] = nll.getYLowValue(i);
            bars[3][i] = nll.getYHighValue(i);
        }
        assertSeries(body, 3, new double[][] {bars[0], bars[1]});
        assertSeries(body, 4, new double[][] {bars[0], bars[2]});
        assertSeries(body, 5, new double[][] {bars[0], bars[3]});
        // rows: the union of the x values (50 steps, 10 half steps, 0.1; 3 is a step) and a second row at 10
        assertEquals(50 + 10 + 1 + 1, body.size());
        double previous = Double.NEGATIVE_INFINITY;
        for (List<String> r : body) {
            double x = Double.parseDouble(r.get(0));
            assertTrue(x >= previous, "rows in increasing x");
            previous = x;
        }
    }

    /** The (x, y) pairs of column {@code col} are exactly the series' points (as a multiset). */
    private static void assertSeries(List<List<String>> body, int col, double[][] xy) {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < xy[0].length; i++) {
            expected.add(Double.doubleToLongBits(xy[0][i]) + ":" + Double.doubleToLongBits(xy[1][i]));
        }
        List<String> actual = new ArrayList<>();
        for (List<String> r : body) {
            if (!r.get(col).isEmpty()) {
                actual.add(Double.doubleToLongBits(Double.parseDouble(r.get(0))) + ":"
                        + Double.doubleToLongBits(Double.parseDouble(r.get(col))));
            }
        }
        expected.sort(null);
        actual.sort(null);
        assertEquals(expected, actual, "column " + col);
    }

    @Test
    void anEmptyChartGivesItsHeaderAndAFileNameFromItsTitle() {
        JFreeChart c = chart(new XYSeries("a"), new XYSeries("b"), new YIntervalSeries("c"));
        assertEquals("step,\"a (loss, DSM scale)\",\"b (loss, DSM scale)\",c (NLL (nats per point))\r\n",
                ChartCsv.csv(c));
        assertEquals("training-loss", ChartCsv.fileStem(c));
    }

    @Test
    void cellsWithCommasOrQuotesAreQuoted() {
        assertEquals("\"say \"\"hi\"\", then\"", ChartCsv.cell("say \"hi\", then"));
        assertEquals("𝔥", ChartCsv.cell("𝔥"));
    }
}
