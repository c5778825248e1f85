package org.diffusionplayground.model.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.Activation;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.score.ScoreJets;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.score.Target;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.diffusionplayground.model.util.Cancellation;
import org.junit.jupiter.api.Test;

class WkbLikelihoodTest {

    private final Schedule simple = ScheduleSpec.of(ScheduleKind.SIMPLE).build();

    @Test
    void pfOdeNllEqualsMixtureNllForExactScore() {
        // With the exact score of the diffused mixture, the PF density is p_t itself at every t (up to the
        // prior's mismatch, α_T² ≈ e⁻¹⁰), so log q₀⁰ = log p_{t_min} and the correction vanishes.
        MixtureScore exact = new MixtureScore(ToyData.GAUSSIANS_8.mixture().orElseThrow(), simple, "8 gaussians");
        PointSet points = ToyData.GAUSSIANS_8.generate(12, 4);
        WkbLikelihood likelihood = new WkbLikelihood(simple, exact, LikelihoodOptions.of(1e-8));
        LikelihoodResult r = likelihood.withCorrection(points, null, Cancellation.NEVER);
        assertEquals(0, r.failures());
        for (int i = 0; i < points.size(); i++) {
            double truth = exact.logDensity(simple.tMin(), points.x(i), points.y(i));
            assertEquals(truth, r.logQ0()[i], 1e-4, "log q0 at point " + i);
            assertEquals(0.0, r.correction()[i], 1e-3, "C at point " + i);
        }
    }

    @Test
    void hessianOfLogDensityMatchesFiniteDifferencesOfTheLikelihoodItself() {
        // The two forms of C use Δℓ the same way, so their agreement does not test H (MATH.md §5): check
        // ∇ℓ and Δℓ of the backward pass against finite differences of the PF-ODE log-likelihood of a
        // nonlinear (random, untrained) network.
        MlpSpec spec = new MlpSpec(32, 3, Activation.SILU, TimeEmbedding.sinusoidal(8), Target.EPSILON);
        ScoreModel net = new NetworkScore(Mlp.initialise(spec, 11), simple);
        double x = 0.3;
        double y = -0.6;
        double d = 1e-3;
        WkbLikelihood tight = new WkbLikelihood(simple, net, LikelihoodOptions.of(1e-11));
        LikelihoodResult centre = tight.withCorrection(PointSet.of(new double[] {x, y}), null, Cancellation.NEVER);
        LikelihoodResult stencil = tight.logLikelihood(PointSet.of(new double[] {
            x + d, y, x - d, y, x, y + d, x, y - d}), null, Cancellation.NEVER);
        double[] l = stencil.logQ0();
        double l0 = centre.logQ0()[0];
        double gx = (l[0] - l[1]) / (2 * d);
        double gy = (l[2] - l[3]) / (2 * d);
        double lap = (l[0] + l[1] + l[2] + l[3] - 4 * l0) / (d * d);
        assertEquals(gx, centre.gradLogQ0()[0], 1e-5 * (1 + Math.abs(gx)));
        assertEquals(gy, centre.gradLogQ0()[1], 1e-5 * (1 + Math.abs(gy)));
        assertEquals(lap, centre.laplacianLogQ0()[0], 1e-3 * (1 + Math.abs(lap)));
    }

    @Test
    void seedAndAdjointFormsAgreeForANonlinearNetwork() {
        MlpSpec spec = new MlpSpec(32, 2, Activation.TANH, TimeEmbedding.RAW_T, Target.SCORE);
        ScoreModel net = new NetworkScore(Mlp.initialise(spec, 5), simple);
        PointSet points = ToyData.SWISS_ROLL.generate(6, 2);
        LikelihoodResult r = new WkbLikelihood(simple, net, LikelihoodOptions.of(1e-10).withDeltaXForm(true))
                .withCorrection(points, null, Cancellation.NEVER);
        assertEquals(0, r.failures());
        for (int i = 0; i < points.size(); i++) {
            assertEquals(r.correction()[i], r.correctionDeltaXForm()[i], 1e-6 * (1 + Math.abs(r.correction()[i])));
        }
    }

    @Test
    void aNetworkThatReturnsNanGivesAReportedFailureNotANanMean() {
        ScoreModel exact = new MixtureScore(ToyData.GAUSSIANS_8.mixture().orElseThrow(), simple, "8g");
        ScoreModel poisoned = new ScoreModel() {
            @Override
            public void score(double t, double[] xy, int n, double[] out) {
                exact.score(t, xy, n, out);
            }

            @Override
            public void jets(double[] t, double[] xy, int n, int order, ScoreJets out) {
                exact.jets(t, xy, n, order, out);
                for (int i = 0; i < n; i++) {
                    if (xy[2 * i] > 1.5) { // poison one region of space
                        out.data()[i * ScoreJets.STRIDE] = Double.NaN;
                    }
                }
            }

            @Override
            public String describe() {
                return "poisoned";
            }
        };
        PointSet points = PointSet.of(new double[] {0.1, 0.2, 1.9, 0.0, -0.5, 0.4});
        LikelihoodResult r = new WkbLikelihood(simple, poisoned, LikelihoodOptions.of(1e-5))
                .withCorrection(points, null, Cancellation.NEVER);
        assertFalse(r.ok(1));
        assertEquals(PointFailure.Pass.PF_ODE, r.failure()[1].pass(), r.failure()[1].toString());
        assertTrue(r.ok(0) && r.ok(2));
        LikelihoodResult.Summary s = r.summary();
        assertEquals(2, s.count());
        assertEquals(1, s.failed());
        assertTrue(Double.isFinite(s.meanNll()) && Double.isFinite(s.meanCorrection()));
    }

    @Test
    void badTolerancesAreRejectedWithAMessage() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> LikelihoodOptions.of(0));
        assertTrue(zero.getMessage().contains("positive"));
        assertThrows(IllegalArgumentException.class, () -> LikelihoodOptions.of(0.5));
        assertThrows(IllegalArgumentException.class, () -> LikelihoodOptions.of(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> LikelihoodOptions.of(-1e-3));
        assertThrows(IllegalArgumentException.class, () -> LikelihoodOptions.of(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> LikelihoodOptions.of(1e-14));
        assertThrows(IllegalArgumentException.class, () -> new LikelihoodOptions(
                org.diffusionplayground.model.ode.Tolerance.of(1e-5), 0, false));
    }

    @Test
    void noPointsGiveAnEmptySummaryNotANumber() {
        LikelihoodResult r = new WkbLikelihood(simple, new MixtureScore(ToyData.GAUSSIANS_8.mixture().orElseThrow(),
                simple, "8g"), LikelihoodOptions.of(1e-5)).withCorrection(PointSet.of(new double[0]), null,
                Cancellation.NEVER);
        LikelihoodResult.Summary s = r.summary();
        assertEquals(0, s.count());
        assertEquals(0, s.failed());
        assertTrue(Double.isNaN(s.meanNll()), "an empty mean is NaN with count 0, not 0");
    }
}
