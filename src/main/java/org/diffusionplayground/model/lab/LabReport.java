package org.diffusionplayground.model.lab;

import java.util.List;

/**
 * What the sampler lab measured: a cell per sampler and budget (samplers in the given order, budgets
 * ascending), and the yardsticks beside them. {@code w2Floor}/{@code mmd2Floor}: the same distances between a
 * fresh i.i.d. draw of the data and the reference (a perfect sampler lands there; NaN without a generator).
 * {@code referenceError}: at 𝔥 = 0 the reference solve's own error, the RMS change when its tolerance is
 * tightened a hundredfold (on a subset); at 𝔥 &gt; 0 the W2 between two exact draws, the floor of
 * {@code exactError}. {@code exactMeasure} names what {@code exactError} is; {@code pathwise} says it is the
 * 𝔥 = 0 distance to the reference solve, the only one whose fall with NFE shows an order (a W2 between samples
 * sits on its sampling floor long before).
 */
public record LabReport(List<LabCell> cells, double w2Floor, double mmd2Floor, double referenceError,
        String exactMeasure, boolean pathwise, boolean networkModel, double seconds) {

    public LabReport {
        cells = List.copyOf(cells);
    }

    /** The cells of one sampler, budgets ascending. */
    public List<LabCell> cellsOf(LabSampler sampler) {
        return cells.stream().filter(c -> c.sampler().equals(sampler)).toList();
    }

    /** The samplers in the order they were compared. */
    public List<LabSampler> samplers() {
        return cells.stream().map(LabCell::sampler).distinct().toList();
    }

    /** The observed order of {@code sampler}'s exact-score error over NFE ({@link ConvergenceOrder}); NaN unless pathwise. */
    public double observedOrder(LabSampler sampler) {
        if (!pathwise) {
            return Double.NaN;
        }
        List<LabCell> own = cellsOf(sampler);
        double[] work = own.stream().mapToDouble(LabCell::nfe).toArray();
        double[] error = own.stream().mapToDouble(LabCell::exactError).toArray();
        return ConvergenceOrder.fit(work, error);
    }
}
