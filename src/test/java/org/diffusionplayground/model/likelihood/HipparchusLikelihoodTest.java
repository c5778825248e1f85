package org.diffusionplayground.model.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.Activation;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.score.Target;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.diffusionplayground.model.util.Cancellation;
import org.junit.jupiter.api.Test;

/** The library peer of the benchmark suite computes the same likelihood as the batched solver. */
class HipparchusLikelihoodTest {

    private final Schedule simple = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
    private final ScoreModel net = new NetworkScore(
            Mlp.initialise(new MlpSpec(32, 3, Activation.SILU, TimeEmbedding.sinusoidal(8), Target.EPSILON), 3),
            simple);
    private final PointSet points = ToyData.SWISS_ROLL.generate(5, 8);

    @Test
    void perPointHipparchusLikelihoodEqualsTheEnsembleSolversAtTightTolerance() {
        LikelihoodOptions tight = LikelihoodOptions.of(1e-10);
        LikelihoodResult ours = new WkbLikelihood(simple, net, tight).logLikelihood(points, null, Cancellation.NEVER);
        LikelihoodResult peer = new HipparchusLikelihood(simple, net, tight).logLikelihood(points, Cancellation.NEVER);
        assertEquals(0, peer.failures());
        for (int i = 0; i < points.size(); i++) {
            assertEquals(ours.logQ0()[i], peer.logQ0()[i], 1e-7, "log q0 at point " + i);
        }
    }

    @Test
    void sameErrorControlTakesAboutAsManyEvaluationsAsTheEnsembleSolver() {
        // same tableau, error norm, safety factor and step bounds: the step counts may differ only through
        // the initial step guess, so the costs compared in docs/benchmarks.md are for the same work
        LikelihoodOptions loose = LikelihoodOptions.of(1e-5);
        long ours = new WkbLikelihood(simple, net, loose).logLikelihood(points, null, Cancellation.NEVER)
                .memberEvaluations();
        long peer = new HipparchusLikelihood(simple, net, loose).logLikelihood(points, Cancellation.NEVER)
                .memberEvaluations();
        assertTrue(Math.abs(ours - peer) < 0.25 * ours, "evaluations: ensemble " + ours + ", Hipparchus " + peer);
    }

    @Test
    void aTooSmallStepBudgetIsReportedPerPointNotThrown() {
        LikelihoodOptions starved = new LikelihoodOptions(org.diffusionplayground.model.ode.Tolerance.of(1e-8), 3,
                false);
        LikelihoodResult r = new HipparchusLikelihood(simple, net, starved).logLikelihood(points, Cancellation.NEVER);
        assertEquals(points.size(), r.failures());
        assertEquals(PointFailure.Pass.PF_ODE, r.failure()[0].pass());
        assertTrue(r.failure()[0].toString().startsWith("PF-ODE: Hipparchus"), r.failure()[0].toString());
    }
}
