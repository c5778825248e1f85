package org.diffusionplayground.model.metrics;

import java.util.SplittableRandom;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.GaussianMixture;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.sampling.SampleResult;
import org.diffusionplayground.model.sampling.SampledPaths;
import org.diffusionplayground.model.sampling.Sampler;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.util.Cancellation;

/**
 * Sample quality of a reverse process against a reference draw of the data (docs/MATH.md §6.4): as many
 * samples as reference points, then the exact W2 by assignment and the unbiased MMD² beside it, and the
 * noise floor both have for samples of the data law itself.
 *
 * <p>The floor must come from draws that are i.i.d. like the samples: a sampler puts each particle into a
 * mode at random, so its mode counts scatter (multinomially), while the built-in generators deal their
 * points out to the modes in equal shares. Two such stratified draws of 1 000 points of the 25 gaussians
 * are only 0.02–0.04 apart in W2, two i.i.d. draws about 0.2: a stratified floor would make a perfect
 * sampler look bad. {@link #iidDraw} draws i.i.d. points, the reference included.
 */
public final class SampleQuality {

    /** Pool size, in multiples of the draw, that a stratified generator's i.i.d. draw is taken from. */
    static final int POOL = 20;

    private SampleQuality() {
    }

    /** W2 and MMD² (Gaussian kernel of the given bandwidth) between two point sets of equal size. */
    public record Distances(double w2, double mmd2) {

        /** Both NaN: there was nothing to compare (a sample diverged). */
        public static final Distances NONE = new Distances(Double.NaN, Double.NaN);

        public static Distances between(PointSet a, PointSet b, double bandwidth) {
            return new Distances(Wasserstein.exact(a, b), Mmd.unbiasedSquared(a, b, bandwidth));
        }
    }

    /** Mean and standard deviation over {@code draws} i.i.d. draws of the data of their distances to the reference. */
    public record Floor(double w2Mean, double w2Sd, double mmd2Mean, double mmd2Sd, int draws) {

        /** No floor: the data has no generator to draw from. */
        public static final Floor NONE = new Floor(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
    }

    /**
     * W2 and MMD² between samples of {@code process} drawn by {@code sampler} on {@code grid} (seeded) and
     * {@code reference}; {@link Distances#NONE} when a sample failed.
     */
    public static Distances of(ReverseProcess process, Sampler sampler, TimeGrid grid, long seed, PointSet reference,
            double bandwidth, Cancellation cancel) {
        PointSet samples = samples(process, sampler, grid, seed, reference.size(), cancel);
        return samples == null ? Distances.NONE : Distances.between(samples, reference, bandwidth);
    }

    private static PointSet samples(ReverseProcess process, Sampler sampler, TimeGrid grid, long seed, int n,
            Cancellation cancel) {
        SampleResult r = SampledPaths.run(process, sampler, n, grid, seed, 2, null, cancel).result();
        return r.failures() > 0 ? null : PointSet.of(r.positions());
    }

    /** The MMD bandwidth for a reference: the median pairwise distance between its two halves. */
    public static double bandwidth(PointSet reference) {
        int half = reference.size() / 2;
        return Mmd.medianBandwidth(reference.slice(0, half), reference.slice(half, reference.size()));
    }

    /** True when {@link #iidDraw} can draw from the data's law (a built-in data set). */
    public static boolean canDraw(DataSet data) {
        return data.hasGenerator();
    }

    /**
     * The points samples are measured against: an i.i.d. draw of the data's law ({@link #iidDraw}) where it has a
     * generator, otherwise the data's own points (an imported or drawn set has no other).
     */
    public static PointSet reference(DataSet data, int n, long seed) {
        return canDraw(data) ? iidDraw(data, n, seed) : data.heldOut(n, seed);
    }

    /**
     * n i.i.d. points of the data's law: from the mixture when it has one (each point's mode drawn with
     * its weight), otherwise n points picked at random without replacement from a pool of {@link #POOL}·n
     * generated points (a generator that stratifies its modes is then i.i.d. up to a 1/{@value #POOL} share).
     */
    public static PointSet iidDraw(DataSet data, int n, long seed) {
        if (!canDraw(data)) {
            throw new IllegalArgumentException("data set " + data.name() + " has no generator to draw fresh points from");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        java.util.Optional<GaussianMixture> mixture = data.mixture();
        if (mixture.isPresent()) {
            return mixture.get().sample(n, rng);
        }
        double[] pool = data.heldOut(POOL * n, seed).toArray();
        int m = pool.length / 2;
        double[] out = new double[2 * n];
        for (int i = 0; i < n; i++) { // partial Fisher–Yates over the pool
            int j = i + rng.nextInt(m - i);
            for (int c = 0; c < 2; c++) {
                double tmp = pool[2 * i + c];
                pool[2 * i + c] = pool[2 * j + c];
                pool[2 * j + c] = tmp;
            }
            out[2 * i] = pool[2 * i];
            out[2 * i + 1] = pool[2 * i + 1];
        }
        return PointSet.of(out);
    }

    /**
     * The noise floor of {@link #of} for this reference: W2 and MMD² between {@code draws} fresh i.i.d. draws of
     * the data (seeds {@code seed + 1 …}) and the reference, as mean and standard deviation. A perfect sampler
     * lands on it; {@link Floor#NONE} for data without a generator.
     */
    public static Floor iidFloor(DataSet data, PointSet reference, int draws, long seed, double bandwidth,
            Cancellation cancel) {
        if (!canDraw(data) || draws < 1) {
            return Floor.NONE;
        }
        double[] w = new double[draws];
        double[] m = new double[draws];
        for (int k = 0; k < draws; k++) {
            cancel.check();
            Distances d = Distances.between(iidDraw(data, reference.size(), seed + 1 + k), reference, bandwidth);
            w[k] = d.w2();
            m[k] = d.mmd2();
        }
        return new Floor(mean(w), sd(w), mean(m), sd(m), draws);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double sd(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double mu = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - mu) * (x - mu);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
