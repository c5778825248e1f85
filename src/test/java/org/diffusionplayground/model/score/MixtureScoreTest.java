package org.diffusionplayground.model.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.junit.jupiter.api.Test;

/** The exact mixture score is the gradient of the exact diffused log-density, with exact jets. */
class MixtureScoreTest {

    private final Schedule schedule = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
    private final MixtureScore score = new MixtureScore(ToyData.GAUSSIANS_8.mixture().orElseThrow(), schedule, "8g");

    @Test
    void scoreIsTheGradientOfTheDiffusedLogDensity() {
        double t = 0.2;
        double h = 1e-6;
        double[] xy = {0.7, -0.4};
        double[] s = new double[2];
        score.score(t, xy, 1, s);
        double gx = (score.logDensity(t, 0.7 + h, -0.4) - score.logDensity(t, 0.7 - h, -0.4)) / (2 * h);
        double gy = (score.logDensity(t, 0.7, -0.4 + h) - score.logDensity(t, 0.7, -0.4 - h)) / (2 * h);
        assertEquals(gx, s[0], 1e-6 * (1 + Math.abs(gx)));
        assertEquals(gy, s[1], 1e-6 * (1 + Math.abs(gy)));
    }

    @Test
    void jetsMatchFiniteDifferencesUpToThirdOrder() {
        double t = 0.3;
        double x = 0.45;
        double y = 0.2;
        double h = 1e-5;
        ScoreJets c = jets(t, x, y);
        assertEquals(c.value(0, 0), plainScore(t, x, y)[0], 1e-10 * (1 + Math.abs(c.value(0, 0))));
        for (int l = 0; l < 2; l++) {
            ScoreJets p = jets(t, x + (l == 0 ? h : 0), y + (l == 1 ? h : 0));
            ScoreJets m = jets(t, x - (l == 0 ? h : 0), y - (l == 1 ? h : 0));
            for (int i = 0; i < 2; i++) {
                double fd = (p.value(0, i) - m.value(0, i)) / (2 * h);
                assertEquals(fd, c.jacobian(0, i, l), 1e-5 * (1 + Math.abs(fd)));
                for (int j = 0; j < 2; j++) {
                    fd = (p.jacobian(0, i, j) - m.jacobian(0, i, j)) / (2 * h);
                    assertEquals(fd, c.hessian(0, i, j, l), 1e-5 * (1 + Math.abs(fd)));
                    for (int k = 0; k < 2; k++) {
                        fd = (p.hessian(0, i, j, k) - m.hessian(0, i, j, k)) / (2 * h);
                        assertEquals(fd, c.third(0, i, j, k, l), 1e-5 * (1 + Math.abs(fd)));
                    }
                }
            }
        }
    }

    private ScoreJets jets(double t, double x, double y) {
        ScoreJets j = new ScoreJets(1);
        score.jets(new double[] {t}, new double[] {x, y}, 1, 3, j);
        return j;
    }

    private double[] plainScore(double t, double x, double y) {
        double[] s = new double[2];
        score.score(t, new double[] {x, y}, 1, s);
        return s;
    }
}
