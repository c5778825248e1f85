package org.diffusionplayground.model.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.diffusionplayground.model.data.GaussianMixture;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.metrics.Wasserstein;
import org.diffusionplayground.model.sampling.EulerMaruyama;
import org.diffusionplayground.model.sampling.ExponentialIntegrator;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.sampling.SampledPaths;
import org.diffusionplayground.model.sampling.Sampler;
import org.diffusionplayground.model.sampling.StepSchedule;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.util.Cancellation;
import org.junit.jupiter.api.Test;

/**
 * Classifier-free guidance (docs/MATH.md §8): s_w = (1 + w) s(x, t, y) − w s(x, t, ∅) is the conditional score
 * at w = 0 and the unconditional one at w = −1, to the bit, through every sampler; with the exact class scores
 * of a Gaussian mixture, w = 0 samples the class's own law.
 */
class GuidanceTest {

    private static final Schedule SIMPLE = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
    /** A conditional network with random weights: 5 classes, sinusoidal time, width 24 (a vector tail too). */
    private static final NetworkScore NET = new NetworkScore(Mlp.initialise(
            new MlpSpec(24, 2, Activation.SILU, TimeEmbedding.sinusoidal(8), Target.EPSILON, 5), 3), SIMPLE);

    private static double[] samples(ScoreModel score, Sampler sampler, double h, int n) {
        ReverseProcess p = new ReverseProcess(SIMPLE, score, h);
        return SampledPaths.run(p, sampler, n, TimeGrid.of(StepSchedule.UNIFORM_LOG_SNR, SIMPLE, 60), 9, 2, null,
                Cancellation.NEVER).result().positions();
    }

    /**
     * Bit for bit on scores whose every bit is reproducible: the exact class scores, and the network evaluated in
     * double through its jets. (The network's float path uses the Vector API's exp, Intel's SVML once C2 has
     * compiled it and a scalar fallback before, which differ in the last bit; there the runs agree to float
     * precision, checked below.)
     */
    @Test
    void guidanceAtZeroIsTheConditionalModelAndAtMinusOneTheUnconditionalBitForBit() {
        ConditionalScore exact = new ComponentClassScore(ToyData.GAUSSIANS_8.mixture().orElseThrow(), SIMPLE);
        for (ConditionalScore model : new ConditionalScore[] {exact, new DoublePath(NET)}) {
            for (Sampler sampler : new Sampler[] {new EulerMaruyama(), new ExponentialIntegrator()}) {
                for (double h : new double[] {0, 1}) {
                    String where = model.unconditional().describe() + ", " + sampler.name() + ", 𝔥 = " + h;
                    double[] conditional = samples(model.given(2), sampler, h, 300);
                    double[] unconditional = samples(model.unconditional(), sampler, h, 300);
                    assertFalse(java.util.Arrays.equals(conditional, unconditional), "the label must matter: " + where);
                    assertArrayEquals(conditional, samples(Guidance.of(2, 0).guide(model), sampler, h, 300),
                            where + ", w = 0");
                    assertArrayEquals(unconditional, samples(Guidance.of(2, -1).guide(model), sampler, h, 300),
                            where + ", w = −1");
                }
            }
        }
    }

    @Test
    void onTheNetworksFloatPathGuidanceAtZeroIsTheConditionalModelToFloatPrecision() {
        double[] conditional = samples(NET.given(1), new ExponentialIntegrator(), 1, 300);
        double[] guided = samples(Guidance.of(1, 0).guide(NET), new ExponentialIntegrator(), 1, 300);
        for (int i = 0; i < conditional.length; i++) {
            assertEquals(conditional[i], guided[i], 1e-5 * (1 + Math.abs(conditional[i])), "coordinate " + i);
        }
    }

    /** A network's scores through its double jets (value channel): every bit the same in every JIT tier. */
    private record DoublePath(NetworkScore net) implements ConditionalScore {

        @Override
        public int classes() {
            return net.classes();
        }

        @Override
        public ScoreModel given(int label) {
            return values(net.given(label));
        }

        @Override
        public ScoreModel unconditional() {
            return values(net.unconditional());
        }

        private static ScoreModel values(NetworkScore s) {
            return new ScoreModel() {
                @Override
                public void score(double t, double[] xy, int n, double[] out) {
                    double[] times = new double[n];
                    java.util.Arrays.fill(times, t);
                    score(times, xy, n, out);
                }

                @Override
                public void score(double[] t, double[] xy, int n, double[] out) {
                    ScoreJets jets = new ScoreJets(n);
                    s.jets(t, xy, n, 1, jets);
                    for (int i = 0; i < n; i++) {
                        out[2 * i] = jets.value(i, 0);
                        out[2 * i + 1] = jets.value(i, 1);
                    }
                }

                @Override
                public void jets(double[] t, double[] xy, int n, int order, ScoreJets out) {
                    s.jets(t, xy, n, order, out);
                }

                @Override
                public String describe() {
                    return s.describe() + " in double";
                }
            };
        }
    }

    @Test
    void theGuidedScoreIsTheLinearCombinationForValuesPerPointTimesAndJets() {
        double w = 2.5;
        ScoreModel guided = Guidance.of(4, w).guide(NET);
        int n = 37;
        double[] xy = new double[2 * n];
        double[] t = new double[n];
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            xy[2 * i] = 2 * rng.nextGaussian();
            xy[2 * i + 1] = 2 * rng.nextGaussian();
            t[i] = 0.05 + 0.9 * rng.nextDouble();
        }
        double[] c = new double[2 * n];
        double[] u = new double[2 * n];
        double[] g = new double[2 * n];
        NET.given(4).score(t, xy, n, c);
        NET.unconditional().score(t, xy, n, u);
        guided.score(t, xy, n, g);
        for (int i = 0; i < 2 * n; i++) { // float path: to float precision (see above)
            assertEquals((1 + w) * c[i] - w * u[i], g[i], 1e-5 * (1 + Math.abs(g[i])));
        }
        ScoreJets jc = new ScoreJets(n);
        ScoreJets ju = new ScoreJets(n);
        ScoreJets jg = new ScoreJets(n);
        NET.given(4).jets(t, xy, n, 3, jc);
        NET.unconditional().jets(t, xy, n, 3, ju);
        guided.jets(t, xy, n, 3, jg);
        for (int i = 0; i < n * ScoreJets.STRIDE; i++) {
            assertEquals((1 + w) * jc.data()[i] - w * ju.data()[i], jg.data()[i], 1e-12 * (1 + Math.abs(jg.data()[i])));
        }
    }

    /**
     * The label enters three code paths of the network (the float offset at one time, the float rows with a
     * time per point, the double jets); they must agree, and the jets' value is the score.
     */
    @Test
    void theLabelEntersEveryEvaluationPathOfTheNetworkAlike() {
        int n = 21;
        double[] xy = new double[2 * n];
        double[] t = new double[n];
        SplittableRandom rng = new SplittableRandom(8);
        for (int i = 0; i < n; i++) {
            xy[2 * i] = rng.nextGaussian();
            xy[2 * i + 1] = rng.nextGaussian();
            t[i] = 0.3;
        }
        for (int label = -1; label < 5; label++) {
            NetworkScore s = label < 0 ? NET.unconditional() : NET.given(label);
            double[] common = new double[2 * n];
            double[] perPoint = new double[2 * n];
            s.score(0.3, xy, n, common);
            s.score(t, xy, n, perPoint);
            ScoreJets jets = new ScoreJets(n);
            s.jets(t, xy, n, 1, jets);
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < 2; d++) {
                    double ref = jets.value(i, d);
                    assertEquals(ref, common[2 * i + d], 2e-4 * (1 + Math.abs(ref)), "label " + label);
                    assertEquals(ref, perPoint[2 * i + d], 2e-4 * (1 + Math.abs(ref)), "label " + label);
                }
            }
        }
    }

    @Test
    void theExactClassScoreIsTheDiffusedComponentInClosedForm() {
        GaussianMixture m = ToyData.GAUSSIANS_8.mixture().orElseThrow();
        ComponentClassScore exact = new ComponentClassScore(m, SIMPLE);
        assertEquals(8, exact.classes());
        double[] xy = {0.3, -0.7, 1.2, 0.4};
        double[] s = new double[4];
        for (double t : new double[] {0.01, 0.2, 0.9}) {
            exact.given(3).score(t, xy, 2, s);
            double a = SIMPLE.alpha(t);
            double v = a * a * m.variance(3) + SIMPLE.variance(t);
            for (int i = 0; i < 2; i++) {
                assertEquals((a * m.meanX(3) - xy[2 * i]) / v, s[2 * i], 1e-9 * (1 + Math.abs(s[2 * i])));
                assertEquals((a * m.meanY(3) - xy[2 * i + 1]) / v, s[2 * i + 1], 1e-9 * (1 + Math.abs(s[2 * i + 1])));
            }
        }
    }

    /**
     * The guided sampler on the exact class-conditional and unconditional scores of the 8 gaussians at w = 0
     * samples the class: W2 to a draw of that mode within twice the W2 between two such draws.
     */
    @Test
    void guidedSamplerOnExactScoresAtZeroReproducesEachClass() {
        GaussianMixture m = ToyData.GAUSSIANS_8.mixture().orElseThrow();
        ComponentClassScore exact = new ComponentClassScore(m, SIMPLE);
        int n = 400;
        for (int k : new int[] {0, 5}) {
            GaussianMixture mode = m.component(k);
            PointSet reference = mode.sample(n, new SplittableRandom(40 + k));
            double floor = Wasserstein.exact(mode.sample(n, new SplittableRandom(50 + k)), reference);
            for (double h : new double[] {0, 1}) {
                ReverseProcess p = new ReverseProcess(SIMPLE, Guidance.of(k, 0).guide(exact), h);
                PointSet samples = PointSet.of(SampledPaths.run(p, new ExponentialIntegrator(), n,
                        TimeGrid.of(StepSchedule.UNIFORM_LOG_SNR, SIMPLE, 200), 3, 2, null, Cancellation.NEVER)
                        .result().positions());
                double w2 = Wasserstein.exact(samples, reference);
                assertTrue(w2 < 2 * floor, "class " + k + " at 𝔥 = " + h + ": W2 " + w2 + ", draw versus draw " + floor);
            }
        }
    }

    @Test
    void guidanceOnAModelWithoutTheClassIsRefusedOrLeftUnguided() {
        assertThrows(IllegalArgumentException.class, () -> Guidance.of(5, 1).guide(NET));
        assertThrows(IllegalArgumentException.class, () -> Guidance.of(0, 9));
        NetworkScore plain = new NetworkScore(Mlp.initialise(
                new MlpSpec(8, 1, Activation.SILU, TimeEmbedding.RAW_T, Target.SCORE), 1), SIMPLE);
        assertSame(plain, Guidance.of(0, 2).apply(plain), "an unconditional model samples as it is");
        assertSame(NET, Guidance.NONE.apply(NET), "no class: the conditional network's own ∅ score");
        assertTrue(Guidance.problemWithScale(-0.5) != null && Guidance.problemWithScale(8) == null);
    }
}
