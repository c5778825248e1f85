package org.diffusionplayground.model.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.diffusionplayground.model.data.GaussianMixture;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Flow matching in the score family (MATH.md §1.1): the velocity u = E[α'x₀ + σ'ε | x_t] converts to the
 * score exactly (Target.VELOCITY), and the flow-matching weighting makes the DSM loss the velocity's own MSE.
 */
class FlowMatchingTest {

    /**
     * The exact velocity of a Gaussian mixture, by a route that never uses the score: the posterior of each
     * component given x_t, and within it E[x₀ | x_t, k] = μ_k + α v_k/(α² v_k + σ²)·(x_t − α μ_k).
     */
    private static double[] exactVelocity(GaussianMixture m, Schedule s, double t, double x, double y) {
        double alpha = s.alpha(t);
        double sigma = s.sigma(t);
        double[] logR = new double[m.components()];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < m.components(); k++) {
            double var = alpha * alpha * m.variance(k) + sigma * sigma;
            double dx = x - alpha * m.meanX(k);
            double dy = y - alpha * m.meanY(k);
            logR[k] = Math.log(m.weight(k)) - Math.log(var) - (dx * dx + dy * dy) / (2 * var);
            max = Math.max(max, logR[k]);
        }
        double norm = 0;
        double x0 = 0;
        double y0 = 0;
        for (int k = 0; k < m.components(); k++) {
            double r = Math.exp(logR[k] - max);
            double var = alpha * alpha * m.variance(k) + sigma * sigma;
            double gain = alpha * m.variance(k) / var;
            norm += r;
            x0 += r * (m.meanX(k) + gain * (x - alpha * m.meanX(k)));
            y0 += r * (m.meanY(k) + gain * (y - alpha * m.meanY(k)));
        }
        x0 /= norm;
        y0 /= norm;
        double ex = (x - alpha * x0) / sigma;
        double ey = (y - alpha * y0) / sigma;
        return new double[] {s.alphaDot(t) * x0 + s.sigmaDot(t) * ex, s.alphaDot(t) * y0 + s.sigmaDot(t) * ey};
    }

    @ParameterizedTest
    @EnumSource(value = ScheduleKind.class, names = {"LINEAR", "SIMPLE", "COSINE"})
    void theExactVelocityConvertsToTheExactScore(ScheduleKind kind) {
        Schedule s = ScheduleSpec.of(kind).build();
        GaussianMixture m = ToyData.GAUSSIANS_8.mixture().orElseThrow();
        MixtureScore exact = new MixtureScore(m, s, "8 gaussians");
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            double t = s.tMin() + (s.tMax() - s.tMin()) * rng.nextDouble();
            double x = 2 * rng.nextGaussian();
            double y = 2 * rng.nextGaussian();
            double[] u = exactVelocity(m, s, t, x, y);
            double a = Target.VELOCITY.outputScale(s, t);
            double b = Target.VELOCITY.inputScale(s, t);
            double[] score = new double[2];
            exact.score(t, new double[] {x, y}, 1, score);
            double scale = 1 + Math.abs(score[0]) + Math.abs(score[1]);
            assertEquals(score[0], a * u[0] + b * x, 1e-9 * scale, kind + " at t = " + t);
            assertEquals(score[1], a * u[1] + b * y, 1e-9 * scale, kind + " at t = " + t);
        }
    }

    @Test
    void onTheLinearInterpolantTheVelocityIsNoiseMinusDataAndTheScoreItsClosedForm() {
        Schedule s = ScheduleSpec.of(ScheduleKind.LINEAR).build();
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < 100; i++) {
            double t = s.tMin() + (s.tMax() - s.tMin()) * rng.nextDouble();
            double x0 = rng.nextGaussian();
            double eps = rng.nextGaussian();
            double xt = (1 - t) * x0 + t * eps;
            double u = Target.VELOCITY.regressionTarget(s, t, x0, eps);
            assertEquals(eps - x0, u, 1e-12);
            // s = −((1 − t)u + x)/t, which for the conditional pair is −ε/t, the conditional score
            double score = Target.VELOCITY.outputScale(s, t) * u + Target.VELOCITY.inputScale(s, t) * xt;
            assertEquals(-((1 - t) * u + xt) / t, score, 1e-9 * (1 + Math.abs(score)));
            assertEquals(-eps / t, score, 1e-9 * (1 + Math.abs(score)));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ScheduleKind.class, names = {"LINEAR", "SIMPLE", "COSINE", "VE"})
    void everyTargetsRegressionTargetMapsToTheConditionalScore(ScheduleKind kind) {
        Schedule s = ScheduleSpec.of(kind).build();
        SplittableRandom rng = new SplittableRandom(13);
        for (Target target : Target.values()) {
            for (int i = 0; i < 50; i++) {
                double t = s.tMin() + (s.tMax() - s.tMin()) * rng.nextDouble();
                double x0 = rng.nextGaussian();
                double eps = rng.nextGaussian();
                double xt = s.alpha(t) * x0 + s.sigma(t) * eps;
                double out = target.regressionTarget(s, t, x0, eps);
                double score = target.outputScale(s, t) * out + target.inputScale(s, t) * xt;
                double conditional = -eps / s.sigma(t);
                assertEquals(conditional, score, 1e-8 * (1 + Math.abs(conditional)), kind + " " + target + " t = " + t);
            }
        }
    }
}
