package org.diffusionplayground.model.likelihood;

import org.diffusionplayground.model.ode.EnsembleOde;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreJets;
import org.diffusionplayground.model.score.ScoreModel;

/**
 * The backward pass of the WKB correction in its adjoint form (MATH.md §5), per member
 * (x, y, ∇ℓ, H, c) with ℓ = log q_t⁰, integrated from T (∇ℓ = −x/v, H = −I/v for the prior N(0, vI),
 * c = 0) down to t_min:
 * <pre>
 *   dc/dt = −½g² [ ∇·s_θ − Δℓ + ∇ℓ·(s_θ − ∇ℓ) ],     so that C(x₀) = −c(t_min)
 * </pre>
 * since C = ∫_{t_min}^T (the bracket integrand) dt and c runs backward from 0. The ∇ℓ and H equations
 * are in {@link PfLocalField#flowAndLogDensityDerivatives}. Needs third-order jets of s_θ.
 */
final class WkbAdjointSystem implements EnsembleOde {

    static final int DIM = 8;

    private final Schedule schedule;
    private final ScoreModel score;
    private final ScoreJets jets = new ScoreJets(64);
    private final PfLocalField field = new PfLocalField();
    private double[] xy = new double[128];

    WkbAdjointSystem(Schedule schedule, ScoreModel score) {
        this.schedule = schedule;
        this.score = score;
    }

    @Override
    public int dimension() {
        return DIM;
    }

    @Override
    public void derivatives(int[] members, double[] t, double[] y, double[] dydt, int count) {
        if (xy.length < 2 * count) {
            xy = new double[2 * count];
        }
        for (int i = 0; i < count; i++) {
            xy[2 * i] = y[DIM * i];
            xy[2 * i + 1] = y[DIM * i + 1];
        }
        jets.ensureCapacity(count);
        score.jets(t, xy, count, 3, jets);
        for (int i = 0; i < count; i++) {
            int off = DIM * i;
            field.load(schedule, t[i], xy[2 * i], xy[2 * i + 1], jets, i, 3);
            field.flowAndLogDensityDerivatives(y, off, dydt);
            double gx = y[off + 2];
            double gy = y[off + 3];
            double laplacian = y[off + 4] + y[off + 6];
            double bracket = field.divS - laplacian + gx * (field.s[0] - gx) + gy * (field.s[1] - gy);
            dydt[off + 7] = -field.q * bracket;
        }
    }
}
