package org.diffusionplayground.model.likelihood;

import org.diffusionplayground.model.ode.EnsembleOde;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreJets;
import org.diffusionplayground.model.score.ScoreModel;

/**
 * The probability-flow ODE with its log-density accumulator (MATH.md §4), per member (x, y, ℓ):
 * <pre>
 *   dx/dt = f_PF(x,t) = κx − ½g² s_θ,     dℓ/dt = ∇·f_PF = 2κ − ½g² ∇·s_θ
 * </pre>
 * Integrated forward from (x₀, 0) at t_min to T: log q₀⁰(x₀) = log q_T(x_T) + ℓ(T). The divergence is
 * the exact trace of the 2×2 Jacobian from first-order jets (no Hutchinson estimator in 2-D).
 */
final class PfOdeSystem implements EnsembleOde {

    private final Schedule schedule;
    private final ScoreModel score;
    private final ScoreJets jets = new ScoreJets(64);
    private double[] xy = new double[128];

    PfOdeSystem(Schedule schedule, ScoreModel score) {
        this.schedule = schedule;
        this.score = score;
    }

    @Override
    public int dimension() {
        return 3;
    }

    @Override
    public void derivatives(int[] members, double[] t, double[] y, double[] dydt, int count) {
        if (xy.length < 2 * count) {
            xy = new double[2 * count];
        }
        for (int i = 0; i < count; i++) {
            xy[2 * i] = y[3 * i];
            xy[2 * i + 1] = y[3 * i + 1];
        }
        jets.ensureCapacity(count);
        score.jets(t, xy, count, 1, jets);
        for (int i = 0; i < count; i++) {
            double kappa = schedule.kappa(t[i]);
            double q = 0.5 * schedule.g2(t[i]);
            dydt[3 * i] = kappa * xy[2 * i] - q * jets.value(i, 0);
            dydt[3 * i + 1] = kappa * xy[2 * i + 1] - q * jets.value(i, 1);
            dydt[3 * i + 2] = 2 * kappa - q * jets.divergence(i);
        }
    }
}
