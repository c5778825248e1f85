package org.diffusionplayground.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.diffusionplayground.model.data.GaussianMixture;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.score.ScoreJets;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.util.Estimate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The DSM loss of the exact score is the irreducible minimum (MATH.md §2, §6.2). Two independent
 * estimates of it: (1) the DSM loss itself, E λ/p ½‖s*(x_t) + ε/σ‖² over (x₀, t, ε) — what training
 * minimises; (2) since E[ε/σ | x_t] = −∇log p_t(x_t), the same quantity equals
 * E_t λ/p ½(2/σ_t² − E_{y~p_t}‖∇log p_t(y)‖²), with y drawn from the diffused mixture directly and no ε
 * at all. They agree within Monte-Carlo error bars, and any other score field has a higher loss.
 */
class DsmLossTest {

    private static final GaussianMixture MIX = ToyData.GAUSSIANS_8.mixture().orElseThrow();

    // Not FLOW_MATCHING: its λ = t²/(1 − t)² reaches 10⁶ at T, where the Fisher form's 2/σ² − ‖∇log p‖²
    // cancels only on average, so that estimate's variance is unbounded (its weight identity λa² = 1 is
    // TimeSamplerTest's, its training RectifiedFlowTrainingTest's)
    @ParameterizedTest
    @EnumSource(value = Weighting.class, names = {"SIGMA2", "G2", "G2_IMPORTANCE"})
    void dsmLossOfExactMixtureScoreEqualsIrreducibleMinimum(Weighting weighting) {
        Schedule schedule = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        MixtureScore exact = new MixtureScore(MIX, schedule, "exact");
        // the data for (1) is a large sample of the mixture: the loss is an expectation over p₀
        PointSet data = MIX.sample(200_000, new SplittableRandom(1));
        int n = 200_000;
        Estimate dsm = DsmLoss.evaluate(exact, schedule, weighting, TimeSampling.UNIFORM, data, n, 2);
        Estimate fisher = fisherForm(exact, schedule, weighting, n, 3);
        double tolerance = 4 * Math.hypot(dsm.standardError(), fisher.standardError());
        assertEquals(fisher.mean(), dsm.mean(), tolerance,
                () -> weighting + ": DSM form " + dsm + " vs Fisher form " + fisher);
        // the estimates are informative: errors well below the value itself
        assertTrue(tolerance < 0.1 * Math.abs(dsm.mean()), "error bars too wide: " + dsm + " " + fisher);
    }

    /** E_t λ/p · ½(2/σ² − ‖∇log p_t(y)‖²), y ~ p_t sampled from the diffused mixture. */
    private static Estimate fisherForm(MixtureScore exact, Schedule schedule, Weighting weighting, int n,
            long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        TimeSampler times = new TimeSampler(schedule, weighting, TimeSampling.UNIFORM);
        double[] t = new double[n];
        double[] w = new double[n];
        times.draw(rng, n, t, w, new int[n]);
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double a = schedule.alpha(t[i]);
            int k = rng.nextInt(MIX.components()); // equal weights
            double sd = Math.sqrt(a * a * MIX.variance(k) + schedule.variance(t[i]));
            y[2 * i] = a * MIX.meanX(k) + sd * rng.nextGaussian();
            y[2 * i + 1] = a * MIX.meanY(k) + sd * rng.nextGaussian();
        }
        double[] s = new double[2 * n];
        exact.score(t, y, n, s);
        double[] terms = new double[n];
        for (int i = 0; i < n; i++) {
            double fisher = s[2 * i] * s[2 * i] + s[2 * i + 1] * s[2 * i + 1];
            terms[i] = w[i] * 0.5 * (2 / schedule.variance(t[i]) - fisher);
        }
        return Estimate.of(terms);
    }

    @ParameterizedTest
    @EnumSource(value = Weighting.class, names = {"SIGMA2", "G2"})
    void perturbedScoreHasHigherLossByItsSquaredError(Weighting weighting) {
        Schedule schedule = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        MixtureScore exact = new MixtureScore(MIX, schedule, "exact");
        PointSet data = MIX.sample(200_000, new SplittableRandom(4));
        int n = 200_000;
        Estimate excess = DsmLoss.excess(scaled(exact, 1.1), exact, schedule, weighting,
                TimeSampling.UNIFORM, data, n, 5);
        assertTrue(excess.mean() > 4 * excess.standardError(), "1.1 × exact score should lose more: " + excess);
        // loss(1.1 s*) − loss(s*) = E λ ½(0.21‖s*‖² + 0.2 s*·ε/σ) = E λ ½ ‖0.1 s*‖², as E[ε/σ | x_t] = −s*
        Estimate fisher = fisherTerm(exact, schedule, weighting, n, 6);
        double expected = 0.01 * fisher.mean();
        assertEquals(expected, excess.mean(), 4 * Math.hypot(excess.standardError(), 0.01 * fisher.standardError()),
                () -> "excess " + excess + " vs 0.01 × Fisher term " + fisher);
    }

    /** E_t λ/p · ½ E_{y~p_t}‖∇log p_t(y)‖². */
    private static Estimate fisherTerm(MixtureScore exact, Schedule schedule, Weighting weighting, int n,
            long seed) {
        Estimate full = fisherForm(exact, schedule, weighting, n, seed);
        // fisherForm = E λ/p (1/σ² − ½‖s*‖²); recompute E λ/p/σ² with the same draws to isolate the Fisher part
        SplittableRandom rng = new SplittableRandom(seed);
        TimeSampler times = new TimeSampler(schedule, weighting, TimeSampling.UNIFORM);
        double[] t = new double[n];
        double[] w = new double[n];
        times.draw(rng, n, t, w, new int[n]);
        double[] terms = new double[n];
        for (int i = 0; i < n; i++) {
            terms[i] = w[i] / schedule.variance(t[i]);
        }
        Estimate noise = Estimate.of(terms);
        return new Estimate(noise.mean() - full.mean(), Math.hypot(noise.standardError(),
                full.standardError()));
    }

    private static ScoreModel scaled(ScoreModel base, double factor) {
        return new ScoreModel() {
            @Override
            public void score(double t, double[] xy, int n, double[] out) {
                base.score(t, xy, n, out);
                for (int i = 0; i < 2 * n; i++) {
                    out[i] *= factor;
                }
            }

            @Override
            public void score(double[] t, double[] xy, int n, double[] out) {
                base.score(t, xy, n, out);
                for (int i = 0; i < 2 * n; i++) {
                    out[i] *= factor;
                }
            }

            @Override
            public void jets(double[] t, double[] xy, int n, int order, ScoreJets out) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String describe() {
                return factor + " × " + base.describe();
            }
        };
    }
}
