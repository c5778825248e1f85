package org.diffusionplayground.model.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.likelihood.LikelihoodOptions;
import org.diffusionplayground.model.likelihood.LikelihoodResult;
import org.diffusionplayground.model.likelihood.WkbLikelihood;
import org.diffusionplayground.model.metrics.SampleQuality;
import org.diffusionplayground.model.reference.FokkerPlanckOptions;
import org.diffusionplayground.model.reference.FokkerPlanckResult;
import org.diffusionplayground.model.reference.FokkerPlanckSolver;
import org.diffusionplayground.model.reference.Region;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.sampling.Sampler;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.ProgressListener;

/**
 * Everything the project measures about one trained model on one set of points, computed one way for the
 * likelihood panel, {@code playground table} and the benchmarks (MATH.md §4–§6):
 * <ol>
 *   <li>the PF-ODE NLL at 𝔥 = 0 and the first-order correction C of every point, at each solver tolerance;</li>
 *   <li>optionally the exact NLL(𝔥) of the same points from the Fokker–Planck grid, with its error bar;</li>
 *   <li>optionally W2 and MMD² of the 𝔥-sampler's samples against a reference draw of the data, at each 𝔥 asked
 *   for, with the noise floor of i.i.d. draws (MATH.md §6.4).</li>
 * </ol>
 */
public final class ModelStudy {

    /** i.i.d. draws of the data whose distances to the reference give the noise floor. */
    public static final int FLOOR_DRAWS = 4;

    private ModelStudy() {
    }

    /**
     * The exact-NLL part: a grid solved at {@code hs} (𝔥 = 0 first).
     */
    public record Grid(FokkerPlanckOptions options, double[] hs) {
    }

    /**
     * The sample-quality part: samples of {@code samplerAt.apply(𝔥)} on {@code steps}, with {@code seed}, at
     * each of {@code hs}, against {@code reference}; the floor's draws use {@code floorSeed}.
     */
    public record Samples(double[] hs, DoubleFunction<Sampler> samplerAt, TimeGrid steps, long seed,
            PointSet reference, long floorSeed) {
    }

    /**
     * What to compute.
     *
     * @param grid    null: no exact NLL
     * @param samples null: no W2 (and then no floor)
     */
    public record Request(List<LikelihoodOptions> likelihoods, Grid grid, Samples samples) {
    }

    /**
     * What it gave.
     *
     * @param likelihoods one per requested tolerance, in order
     * @param grid        null when not asked for
     * @param w2          rows {𝔥, W2, MMD²}, or null
     * @param floor       {@code Floor.NONE} without samples
     */
    public record Result(List<LikelihoodResult> likelihoods, FokkerPlanckResult grid, double[][] w2,
            SampleQuality.Floor floor, double seconds) {
    }

    /** Runs the request; progress moves through NLL and C (≈ 45 %), the grid (40 %) and the samples. */
    public static Result run(Schedule schedule, ScoreModel score, DataSet data, PointSet points, Request request,
            ProgressListener progress, Cancellation cancel) {
        long start = System.nanoTime();
        double wkbShare = request.grid() == null && request.samples() == null ? 1.0 : 0.45;
        double gridShare = request.grid() == null ? 0 : request.samples() == null ? 1 - wkbShare : 0.4;
        int n = request.likelihoods().size();
        List<LikelihoodResult> likelihoods = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            LikelihoodOptions options = request.likelihoods().get(k);
            likelihoods.add(new WkbLikelihood(schedule, score, options).withCorrection(points,
                    part(progress, wkbShare * k / n, wkbShare / n), cancel));
        }
        FokkerPlanckResult grid = null;
        if (request.grid() != null) {
            grid = new FokkerPlanckSolver(schedule, score, request.grid().options()).solve(
                    Region.around(data.points(), 0.05), request.grid().hs(), points, 0,
                    part(progress, wkbShare, gridShare), cancel);
        }
        double[][] w2 = null;
        SampleQuality.Floor floor = SampleQuality.Floor.NONE;
        Samples s = request.samples();
        if (s != null) {
            double from = wkbShare + gridShare;
            double bandwidth = SampleQuality.bandwidth(s.reference());
            w2 = new double[s.hs().length][];
            for (int k = 0; k < s.hs().length; k++) {
                cancel.check();
                double h = s.hs()[k];
                progress.progress(from + (1 - from) * k / s.hs().length,
                        String.format(Locale.ROOT, "W2 of the samples at 𝔥 = %.2f", h));
                SampleQuality.Distances d = SampleQuality.of(new ReverseProcess(schedule, score, h),
                        s.samplerAt().apply(h), s.steps(), s.seed(), s.reference(), bandwidth, cancel);
                w2[k] = new double[] {h, d.w2(), d.mmd2()};
            }
            floor = SampleQuality.iidFloor(data, s.reference(), FLOOR_DRAWS, s.floorSeed(), bandwidth, cancel);
        }
        return new Result(List.copyOf(likelihoods), grid, w2, floor, (System.nanoTime() - start) / 1e9);
    }

    private static ProgressListener part(ProgressListener progress, double from, double share) {
        return (fraction, message) -> progress.progress(from + share * fraction, message);
    }
}
