package org.diffusionplayground.model.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.DoubleFunction;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.GaussianMixture;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.metrics.Wasserstein;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.sampling.SampleResult;
import org.diffusionplayground.model.sampling.SampledPaths;
import org.diffusionplayground.model.sampling.Sampler;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ConditionalScore;
import org.diffusionplayground.model.score.Guidance;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.util.Cancellation;

/**
 * How classifier-free guidance trades diversity for precision (docs/MATH.md §8): for each guidance scale w
 * and each 𝔥, every class is sampled with the guided score (the same prior draw and noise at every w and
 * 𝔥), and measured against the class's own held-out points:
 * <ul>
 *   <li>W2 to the class (diversity lost shows as a larger W2: guided samples crowd the class's centre);</li>
 *   <li>the share of samples off the class's support, where the data has a closed form: farther than 3σ from
 *   every mode of the class (a Gaussian mixture; in 2-D a fraction e^{−9/2} ≈ 1.1 % of the class's own
 *   points is that far), NaN for other data.</li>
 * </ul>
 * Both are averaged over the classes. The floor row is the W2 of a fresh draw of each class against the same
 * points (what a perfect sampler reaches), for mixtures.
 */
public final class GuidanceStudy {

    /** Off the support: farther than this many standard deviations from every mode of the class. */
    public static final double SUPPORT_SIGMAS = 3.0;

    private GuidanceStudy() {
    }

    /** One cell: guidance scale, 𝔥, class-averaged W2 and off-support share, and samples that failed. */
    public record Row(double w, double h, double w2, double offSupport, int failed) {
    }

    /** The table and the draw-versus-draw floor of W2 (NaN without a generator). */
    public record Result(List<Row> rows, double w2Floor, double floorOffSupport, int perClass, int classes) {
    }

    /**
     * Samples {@code perClass} points of every class at each (w, 𝔥); {@code samplerAt} gives the sampler of an
     * 𝔥, {@code grid} its steps.
     */
    public static Result run(ConditionalScore model, Schedule schedule, DataSet data, double[] ws, double[] hs,
            DoubleFunction<Sampler> samplerAt, TimeGrid grid, int perClass, long seed, Cancellation cancel) {
        int classes = model.classes();
        if (classes < 1 || !data.points().hasLabels() || data.points().classes() != classes) {
            throw new IllegalArgumentException("the guidance study needs a conditional model and data labelled with "
                    + "its classes");
        }
        PointSet[] reference = new PointSet[classes];
        for (int k = 0; k < classes; k++) {
            reference[k] = classReference(data, k, perClass, seed);
        }
        List<Row> rows = new ArrayList<>();
        for (double h : hs) {
            for (double w : ws) {
                double w2 = 0;
                double off = 0;
                int failed = 0;
                for (int k = 0; k < classes; k++) {
                    cancel.check();
                    ScoreModel guided = Guidance.of(k, w).guide(model);
                    ReverseProcess process = new ReverseProcess(schedule, guided, h);
                    SampleResult r = SampledPaths.run(process, samplerAt.apply(h), reference[k].size(), grid,
                            seed + 1 + k, 2, null, cancel).result();
                    failed += r.failures();
                    if (r.failures() > 0) {
                        w2 = Double.NaN;
                        off = Double.NaN;
                        continue;
                    }
                    PointSet samples = PointSet.of(r.positions());
                    w2 += Wasserstein.exact(samples, reference[k]);
                    off += offSupport(data, k, samples);
                }
                rows.add(new Row(w, h, w2 / classes, off / classes, failed));
            }
        }
        double floor = Double.NaN;
        double floorOff = Double.NaN;
        if (data.mixture().isPresent()) {
            floor = 0;
            floorOff = 0;
            for (int k = 0; k < classes; k++) {
                PointSet draw = classMixture(data, k).orElseThrow()
                        .sample(reference[k].size(), new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L + k));
                floor += Wasserstein.exact(draw, reference[k]);
                floorOff += offSupport(data, k, draw);
            }
            floor /= classes;
            floorOff /= classes;
        }
        return new Result(rows, floor, floorOff, perClass, classes);
    }

    /**
     * {@code n} held-out points of class k (fewer when the data has fewer: imported data is its own held-out set;
     * at most {@link Wasserstein#MAX_EXACT}).
     */
    public static PointSet classReference(DataSet data, int k, int n, long seed) {
        int want = Math.min(n, Wasserstein.MAX_EXACT);
        int classes = data.points().classes();
        // the generators deal points to the classes in equal shares, or nearly (the rings by their length)
        int draw = Math.min(org.diffusionplayground.model.data.DataLimits.MAX_POINTS, 4 * want * classes);
        double[] pts = data.heldOut(draw, seed).classPoints(k);
        int m = Math.min(want, pts.length / 2);
        return PointSet.of(java.util.Arrays.copyOf(pts, 2 * m));
    }

    /** Class k's exact density, when the data set is a mixture whose classes are its components. */
    private static Optional<GaussianMixture> classMixture(DataSet data, int k) {
        return data.source() instanceof org.diffusionplayground.model.data.DataSource.BuiltIn b
                ? b.kind().classMixture(k) : Optional.empty();
    }

    /** Share of {@code samples} farther than {@link #SUPPORT_SIGMAS} σ from every mode of class k (NaN if unknown). */
    public static double offSupport(DataSet data, int k, PointSet samples) {
        Optional<GaussianMixture> m = classMixture(data, k);
        if (m.isEmpty()) {
            return Double.NaN;
        }
        GaussianMixture c = m.get();
        int off = 0;
        for (int i = 0; i < samples.size(); i++) {
            boolean near = false;
            for (int j = 0; j < c.components() && !near; j++) {
                double dx = samples.x(i) - c.meanX(j);
                double dy = samples.y(i) - c.meanY(j);
                double r = SUPPORT_SIGMAS * Math.sqrt(c.variance(j));
                near = dx * dx + dy * dy <= r * r;
            }
            off += near ? 0 : 1;
        }
        return off / (double) samples.size();
    }
}
