package org.diffusionplayground.model.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The network's input derivatives up to third order (MATH.md §5) against central finite differences
 * of the next-lower order: ∂_j(value) vs Jacobian, ∂_l(Jacobian) vs Hessian, ∂_l(Hessian) vs third.
 */
class NetworkScoreJetsTest {

    private static final double H = 1e-5;

    private static ScoreJets jetsAt(NetworkScore net, double t, double x, double y) {
        ScoreJets j = new ScoreJets(1);
        net.jets(new double[] {t}, new double[] {x, y}, 1, 3, j);
        return j;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void jetsMatchFiniteDifferencesForEveryActivation(Activation activation) {
        for (Target target : Target.values()) {
            MlpSpec spec = new MlpSpec(32, 3, activation, TimeEmbedding.sinusoidal(8), target);
            NetworkScore net = new NetworkScore(Mlp.initialise(spec, 7), ScheduleSpec.of(ScheduleKind.SIMPLE).build());
            double t = 0.37;
            double x = 0.31;
            double y = -0.52;
            ScoreJets c = jetsAt(net, t, x, y);
            for (int l = 0; l < 2; l++) {
                double dx = l == 0 ? H : 0;
                double dy = l == 1 ? H : 0;
                ScoreJets p = jetsAt(net, t, x + dx, y + dy);
                ScoreJets m = jetsAt(net, t, x - dx, y - dy);
                for (int i = 0; i < 2; i++) {
                    double fdJ = (p.value(0, i) - m.value(0, i)) / (2 * H);
                    assertEquals(fdJ, c.jacobian(0, i, l), 1e-6 * (1 + Math.abs(fdJ)), "∂" + l + "s" + i);
                    for (int j = 0; j < 2; j++) {
                        double fdH = (p.jacobian(0, i, j) - m.jacobian(0, i, j)) / (2 * H);
                        assertEquals(fdH, c.hessian(0, i, j, l), 1e-6 * (1 + Math.abs(fdH)));
                        for (int k = 0; k < 2; k++) {
                            double fdT = (p.hessian(0, i, j, k) - m.hessian(0, i, j, k)) / (2 * H);
                            assertEquals(fdT, c.third(0, i, j, k, l), 1e-6 * (1 + Math.abs(fdT)));
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void floatForwardAgreesWithDoubleJetValue(Activation activation) {
        MlpSpec spec = new MlpSpec(64, 3, activation, TimeEmbedding.RAW_T, Target.EPSILON);
        NetworkScore net = new NetworkScore(Mlp.initialise(spec, 3), ScheduleSpec.of(ScheduleKind.COSINE).build());
        int n = 203; // not a multiple of any block size
        double[] xy = new double[2 * n];
        double[] times = new double[n];
        for (int i = 0; i < n; i++) {
            xy[2 * i] = Math.sin(i);
            xy[2 * i + 1] = Math.cos(3 * i);
            times[i] = 0.4;
        }
        double[] common = new double[2 * n];
        double[] perPoint = new double[2 * n];
        net.score(0.4, xy, n, common);
        net.score(times, xy, n, perPoint);
        ScoreJets jets = new ScoreJets(n);
        net.jets(times, xy, n, 1, jets);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 2; k++) {
                double exact = jets.value(i, k);
                assertEquals(exact, common[2 * i + k], 2e-5 * (1 + Math.abs(exact)));
                assertEquals(exact, perPoint[2 * i + k], 2e-5 * (1 + Math.abs(exact)));
            }
        }
    }
}
