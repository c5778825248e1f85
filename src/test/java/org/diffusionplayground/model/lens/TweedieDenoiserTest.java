package org.diffusionplayground.model.lens;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.diffusionplayground.model.data.GaussianMixture;
import org.diffusionplayground.model.reference.GaussianOracle;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tweedie's formula with the exact score is the exact posterior mean E[x₀ | x_t]. */
class TweedieDenoiserTest {

    @ParameterizedTest
    @EnumSource(ScheduleKind.class)
    void tweedieIsTheExactPosteriorMeanForTheGaussianOracle(ScheduleKind kind) {
        // data N(0, v₀), λ = 1, v₁ = v₀: the oracle's score is exact; x₀ | x_t is Gaussian with mean
        // α v₀ x_t / (α² v₀ + σ²) (conjugate Gaussian regression)
        Schedule s = ScheduleSpec.of(kind).build();
        double v0 = 0.37;
        GaussianOracle oracle = new GaussianOracle(s, v0, v0, 1.0);
        TweedieDenoiser tweedie = new TweedieDenoiser(s, oracle.score());
        double[] xt = {0.8, -1.3, 2.5, 0.01, -0.4, 0.0};
        double[] out = new double[xt.length];
        for (double t : new double[] {s.tMin(), 0.1, 0.5, s.tMax()}) {
            tweedie.denoise(t, xt, 3, out);
            double a = s.alpha(t);
            double gain = a * v0 / (a * a * v0 + s.variance(t));
            for (int i = 0; i < xt.length; i++) {
                assertEquals(gain * xt[i], out[i], 1e-12 * (1 + Math.abs(gain * xt[i])), kind + " t = " + t);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ScheduleKind.class)
    void tweedieOfTheMixtureScoreIsTheDirectPosteriorMean(ScheduleKind kind) {
        // Bayes directly: E[x₀|x] = Σ_k P(k|x) E[x₀|x,k], P(k|x) ∝ w_k N(x; αμ_k, V_k), V_k = α²v_k + σ²,
        // E[x₀|x,k] = μ_k + α v_k (x − α μ_k) / V_k — no score in sight
        Schedule s = ScheduleSpec.of(kind).build();
        GaussianMixture m = new GaussianMixture(new double[] {0.5, 0.3, 0.2},
                new double[] {-1.0, 0.2, 1.1, 0.9, 0.3, -1.4}, new double[] {0.04, 0.2, 0.01});
        TweedieDenoiser tweedie = new TweedieDenoiser(s, new MixtureScore(m, s, "3 components"));
        SplittableRandom rng = new SplittableRandom(11);
        int n = 50;
        double[] xt = new double[2 * n];
        for (int i = 0; i < xt.length; i++) {
            xt[i] = 2 * rng.nextGaussian();
        }
        double[] out = new double[2 * n];
        for (double t : new double[] {s.tMin(), 0.2, 0.6, s.tMax()}) {
            tweedie.denoise(t, xt, n, out);
            for (int i = 0; i < n; i++) {
                double[] direct = posteriorMean(m, s, t, xt[2 * i], xt[2 * i + 1]);
                assertEquals(direct[0], out[2 * i], 1e-9 * (1 + Math.abs(direct[0])), kind + " t = " + t);
                assertEquals(direct[1], out[2 * i + 1], 1e-9 * (1 + Math.abs(direct[1])), kind + " t = " + t);
            }
        }
    }

    private static double[] posteriorMean(GaussianMixture m, Schedule s, double t, double x, double y) {
        double a = s.alpha(t);
        double var = s.variance(t);
        int k = m.components();
        double[] logw = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double v = a * a * m.variance(c) + var;
            double dx = x - a * m.meanX(c);
            double dy = y - a * m.meanY(c);
            logw[c] = Math.log(m.weight(c)) - Math.log(2 * Math.PI * v) - (dx * dx + dy * dy) / (2 * v);
            max = Math.max(max, logw[c]);
        }
        double z = 0;
        double mx = 0;
        double my = 0;
        for (int c = 0; c < k; c++) {
            double p = Math.exp(logw[c] - max);
            double v = a * a * m.variance(c) + var;
            double gain = a * m.variance(c) / v;
            z += p;
            mx += p * (m.meanX(c) + gain * (x - a * m.meanX(c)));
            my += p * (m.meanY(c) + gain * (y - a * m.meanY(c)));
        }
        return new double[] {mx / z, my / z};
    }
}
