package org.diffusionplayground.model.train;

import java.util.SplittableRandom;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.util.Estimate;

/**
 * The DSM objective of MATH.md §2 for any {@link ScoreModel}, estimated by Monte Carlo in double
 * precision: E_t E_{x₀,ε} λ(t)/p(t) · ½‖s(x_t,t) + ε/σ_t‖² (the ½ is the mean over the 2 coordinates,
 * as in the trainer's loss). It is the reference the ND4J trainer's loss is tested against, and what
 * a view can show as "the loss of the exact score": no network can go below it.
 */
public final class DsmLoss {

    private DsmLoss() {
    }

    /**
     * Estimates the loss of {@code score} on {@code data} with {@code samples} draws of (x₀, t, ε),
     * x₀ drawn uniformly from the data.
     */
    public static Estimate evaluate(ScoreModel score, Schedule schedule, Weighting weighting, TimeSampling sampling,
            PointSet data, int samples, long seed) {
        return Estimate.of(terms(score, schedule, weighting, sampling, data, samples, seed));
    }

    /**
     * loss(model) − loss(reference) on the same draws (common random numbers), with the standard error
     * of the paired difference. With the exact score as reference this is the model's score-matching
     * error E λ/p ½‖s_model − s*‖², the part of the loss training can still remove.
     */
    public static Estimate excess(ScoreModel model, ScoreModel reference, Schedule schedule, Weighting weighting,
            TimeSampling sampling, PointSet data, int samples, long seed) {
        double[] a = terms(model, schedule, weighting, sampling, data, samples, seed);
        double[] b = terms(reference, schedule, weighting, sampling, data, samples, seed);
        for (int i = 0; i < samples; i++) {
            a[i] -= b[i];
        }
        return Estimate.of(a);
    }

    private static double[] terms(ScoreModel score, Schedule schedule, Weighting weighting, TimeSampling sampling,
            PointSet data, int samples, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        TimeSampler times = new TimeSampler(schedule, weighting, sampling);
        double[] t = new double[samples];
        double[] w = new double[samples];
        int[] grid = new int[samples];
        times.draw(rng, samples, t, w, grid);
        double[] xt = new double[2 * samples];
        double[] eps = new double[2 * samples];
        for (int i = 0; i < samples; i++) {
            int p = rng.nextInt(data.size());
            double a = schedule.alpha(t[i]);
            double s = schedule.sigma(t[i]);
            eps[2 * i] = rng.nextGaussian();
            eps[2 * i + 1] = rng.nextGaussian();
            xt[2 * i] = a * data.x(p) + s * eps[2 * i];
            xt[2 * i + 1] = a * data.y(p) + s * eps[2 * i + 1];
        }
        double[] sc = new double[2 * samples];
        score.score(t, xt, samples, sc);
        double[] terms = new double[samples];
        for (int i = 0; i < samples; i++) {
            double s = schedule.sigma(t[i]);
            double r0 = sc[2 * i] + eps[2 * i] / s;
            double r1 = sc[2 * i + 1] + eps[2 * i + 1] / s;
            terms[i] = w[i] * 0.5 * (r0 * r0 + r1 * r1);
        }
        return terms;
    }
}
