package org.diffusionplayground.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.diffusionplayground.model.data.GaussianMixture;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.Activation;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.score.Target;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Nd4jTrainerTest {

    private static final PointSet SWISS = ToyData.SWISS_ROLL.generate(2000, 1);

    private static TrainingConfig small(Activation act, Target target, Weighting weighting, ScheduleKind kind) {
        // width 20: one full vector of 16 floats plus a scalar tail in every fused kernel; depth 3: a middle layer
        MlpSpec net = new MlpSpec(20, 3, act, TimeEmbedding.sinusoidal(8), target);
        return TrainingConfig.defaults(ScheduleSpec.of(kind)).toBuilder().network(net).weighting(weighting)
                .batchSize(64).steps(1000).clipNorm(0).emaDecay(0).seed(7).build();
    }

    /**
     * The ND4J loss (float, output space, λ/p·a²·‖out − y*‖²) equals the definition evaluated in double
     * on the same batch through the sampler's NetworkScore: λ/p·½‖s_θ(x_t,t) + ε/σ‖². Checks the
     * target conversion (a, b, y*) for every target and the weighting for every schedule kind tried.
     */
    @ParameterizedTest
    @EnumSource(Target.class)
    void lossMatchesScoreSpaceDefinitionForEveryTarget(Target target) {
        for (ScheduleKind kind : new ScheduleKind[] {ScheduleKind.SIMPLE, ScheduleKind.COSINE, ScheduleKind.VE}) {
            TrainingConfig cfg = small(Activation.SILU, target, Weighting.G2_IMPORTANCE, kind);
            Schedule schedule = cfg.schedule().build();
            try (Nd4jTrainer tr = new Nd4jTrainer(cfg, SWISS)) {
                tr.stageBatch();
                double loss = tr.stagedLoss();
                NetworkScore score = new NetworkScore(tr.snapshot(), schedule);
                double[] t = tr.stagedTimes();
                double[] xy = tr.stagedPoints();
                double[] eps = tr.stagedNoise();
                double[] w = tr.stagedLambdaOverP();
                double[] s = new double[xy.length];
                score.score(t, xy, t.length, s);
                double ref = 0;
                for (int i = 0; i < t.length; i++) {
                    double sig = schedule.sigma(t[i]);
                    double r0 = s[2 * i] + eps[2 * i] / sig;
                    double r1 = s[2 * i + 1] + eps[2 * i + 1] / sig;
                    ref += w[i] * 0.5 * (r0 * r0 + r1 * r1);
                }
                ref /= t.length;
                assertEquals(ref, loss, 2e-4 * Math.abs(ref), target + " under " + kind);
            }
        }
    }

    /** Hand-written backprop against central finite differences of the same float loss. */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void gradientMatchesFiniteDifferences(Activation act) {
        TrainingConfig cfg = small(act, Target.EPSILON, Weighting.SIGMA2, ScheduleKind.SIMPLE);
        try (Nd4jTrainer tr = new Nd4jTrainer(cfg, SWISS)) {
            tr.stageBatch();
            tr.stagedLoss();
            float[] grad = tr.backpropagate();
            SplittableRandom rng = new SplittableRandom(5);
            int checks = 60;
            double diff2 = 0;
            double norm2 = 0;
            for (int c = 0; c < checks; c++) {
                int j = c < 6 ? grad.length - 1 - c : rng.nextInt(grad.length); // include the output bias
                float theta = tr.parameter(j);
                float h = 1e-2f * Math.max(0.1f, Math.abs(theta));
                tr.setParameter(j, theta + h);
                double up = tr.stagedLoss();
                tr.setParameter(j, theta - h);
                double down = tr.stagedLoss();
                tr.setParameter(j, theta);
                double fd = (up - down) / (2.0 * h);
                diff2 += (fd - grad[j]) * (fd - grad[j]);
                norm2 += (double) grad[j] * grad[j];
            }
            double rel = Math.sqrt(diff2 / norm2);
            assertTrue(rel < 2e-3, act + ": relative gradient error " + rel);
        }
    }

    @Test
    void sameSeedGivesBitIdenticalWeightsAndAnotherSeedDoesNot() {
        TrainingConfig cfg = TrainingConfig.defaults(ScheduleSpec.of(ScheduleKind.SIMPLE)).toBuilder()
                .batchSize(256).steps(40).seed(42).build();
        float[] a = train(cfg, 40);
        float[] b = train(cfg, 40);
        assertArrayEquals(a, b);
        float[] c = train(cfg.withSeed(43), 40);
        assertFalse(Arrays.equals(a, c));
    }

    private static float[] train(TrainingConfig cfg, int steps) {
        try (Nd4jTrainer tr = new Nd4jTrainer(cfg, SWISS)) {
            for (int i = 0; i < steps; i++) {
                assertTrue(Double.isFinite(tr.trainStep()));
            }
            return tr.emaSnapshot().flatParameters();
        }
    }

    /** SiLU, softplus and tanh all train: the loss falls well below its starting value. */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void everyActivationTrains(Activation act) {
        TrainingConfig cfg = TrainingConfig.defaults(ScheduleSpec.of(ScheduleKind.SIMPLE)).toBuilder()
                .network(new MlpSpec(64, 2, act, TimeEmbedding.sinusoidal(16), Target.EPSILON))
                .batchSize(256).learningRate(3e-3).emaDecay(0).seed(1).build();
        try (Nd4jTrainer tr = new Nd4jTrainer(cfg, ToyData.GAUSSIANS_8.generate(4000, 2))) {
            double first = 0;
            double last = 0;
            for (int i = 0; i < 400; i++) {
                double loss = tr.trainStep();
                if (i < 20) {
                    first += loss / 20;
                }
                if (i >= 380) {
                    last += loss / 20;
                }
            }
            // ε-prediction starts near E‖ε‖²/2 ≈ 1 and learns most of it for 8 well-separated modes
            assertTrue(last < 0.6 * first, act + ": loss went from " + first + " to " + last);
        }
    }

    /**
     * A network trained for a few seconds on N(μ, vI) recovers the exact score −(x − αμ)/(α²v + σ²):
     * relative L2 error below 10% over a grid covering ±2.5 standard deviations of p_t, at several t.
     */
    @Test
    void networkTrainedOnOneGaussianRecoversItsExactScore() {
        double mx = 0.5;
        double my = -0.3;
        double v = 0.25;
        GaussianMixture g = new GaussianMixture(new double[] {1}, new double[] {mx, my}, new double[] {v});
        PointSet data = g.sample(20_000, new SplittableRandom(8));
        TrainingConfig cfg = TrainingConfig.defaults(ScheduleSpec.of(ScheduleKind.SIMPLE)).toBuilder()
                .network(new MlpSpec(64, 2, Activation.SILU, TimeEmbedding.sinusoidal(16), Target.EPSILON))
                .batchSize(512).learningRate(2e-3).emaDecay(0.99).steps(2500).seed(3).build();
        Schedule schedule = cfg.schedule().build();
        Mlp model;
        try (Nd4jTrainer tr = new Nd4jTrainer(cfg, data)) {
            for (int i = 0; i < cfg.steps(); i++) {
                tr.trainStep();
            }
            model = tr.emaSnapshot();
        }
        NetworkScore score = new NetworkScore(model, schedule);
        for (double t : new double[] {0.1, 0.3, 0.6, 1.0}) {
            double a = schedule.alpha(t);
            double var = a * a * v + schedule.variance(t);
            double sd = Math.sqrt(var);
            int m = 21;
            double[] xy = new double[2 * m * m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    int p = i * m + j;
                    xy[2 * p] = a * mx + sd * (-2.5 + 5.0 * i / (m - 1));
                    xy[2 * p + 1] = a * my + sd * (-2.5 + 5.0 * j / (m - 1));
                }
            }
            double[] s = new double[xy.length];
            score.score(t, xy, m * m, s);
            double err = 0;
            double ref = 0;
            for (int p = 0; p < m * m; p++) {
                double e0 = -(xy[2 * p] - a * mx) / var;
                double e1 = -(xy[2 * p + 1] - a * my) / var;
                err += (s[2 * p] - e0) * (s[2 * p] - e0) + (s[2 * p + 1] - e1) * (s[2 * p + 1] - e1);
                ref += e0 * e0 + e1 * e1;
            }
            double rel = Math.sqrt(err / ref);
            assertTrue(rel < 0.10, "t = " + t + ": relative L2 error of the learned score " + rel);
        }
    }

    @Test
    void epochBatchingNeedsOneFullBatch() {
        TrainingConfig cfg = TrainingConfig.paper(ScheduleSpec.of(ScheduleKind.SIMPLE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Nd4jTrainer(cfg, ToyData.SWISS_ROLL.generate(100, 1)));
        assertTrue(e.getMessage().contains("100 points"), e.getMessage());
    }
}
