package org.diffusionplayground.app.lens;

import org.diffusionplayground.model.lens.EntropyProduction;
import org.diffusionplayground.model.lens.FluctuationCheck;
import org.diffusionplayground.model.lens.PathEntropy;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.Estimate;
import org.diffusionplayground.model.util.ProgressListener;

/**
 * What the entropy lens shows, computed in one go (MATH.md §7.3): the rate Ṡ(t) on a time grid, its
 * integral from the paths' start to T, the per-path totals Δs of forward paths from t_a to T with the
 * fluctuation-theorem check, and the running Δs(t) of a few paths.
 *
 * @param times    grid of the rate curve, t_min … T (geometric)
 * @param rates    Ṡ at those times, nats per unit time
 * @param start    t_a, where the paths start
 * @param integral ∫_{t_a}^T Ṡ dt
 * @param run      the paths
 * @param check    ⟨e^{−Δs}⟩, ⟨Δs⟩ and the tail diagnostics
 */
public record EntropyReport(double[] times, double[] rates, double start, Estimate integral, PathEntropy.Run run,
        FluctuationCheck check) {

    /** Points of the rate curve. */
    public static final int CURVE_POINTS = 120;
    /** Paths whose running Δs(t) is kept for plotting. */
    public static final int KEPT_PATHS = 12;
    /** Steps of each forward path (exact transitions; geometric grid). */
    public static final int PATH_STEPS = 200;

    public static EntropyReport compute(MixtureScore exact, double start, int samples, int paths, long seed,
            ProgressListener progress, Cancellation cancel) {
        var schedule = exact.schedule();
        double ta = Math.max(schedule.tMin(), Math.min(start, schedule.tMax() - 1e-6));
        EntropyProduction ep = new EntropyProduction(exact, samples, seed);
        double[] times = EntropyProduction.geometricGrid(schedule.tMin(), schedule.tMax(), CURVE_POINTS - 1);
        progress.progress(0.05, "entropy production rate");
        double[] rates = ep.rates(times);
        cancel.check();
        progress.progress(0.4, "∫ Ṡ dt");
        Estimate integral = ep.integral(ta, schedule.tMax(), 24);
        cancel.check();
        progress.progress(0.7, "forward paths");
        PathEntropy.Run run = new PathEntropy(exact).sample(ta, schedule.tMax(), PATH_STEPS, paths, seed + 1,
                KEPT_PATHS, cancel);
        progress.progress(1.0, "");
        return new EntropyReport(times, rates, ta, integral, run, run.check());
    }
}
