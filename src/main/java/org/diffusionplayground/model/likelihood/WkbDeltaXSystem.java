package org.diffusionplayground.model.likelihood;

import org.diffusionplayground.model.ode.DenseTrajectories;
import org.diffusionplayground.model.ode.EnsembleOde;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreJets;
import org.diffusionplayground.model.score.ScoreModel;

/**
 * The seed's form of the WKB correction (000_*, MATH.md §5), per member (x, y, δx, δy, c), integrated
 * forward from t_min with x = x₀, δx = 0, c = 0:
 * <pre>
 *   dδx/dt = (δx·∇) f_PF − ½g² (s_θ − ∇ℓ)
 *   dc/dt  = ∇·δf = (δx·∇)(∇·f_PF) − ½g² (∇·s_θ − Δℓ)
 *   C      = c(T) + δx_T · ∇log q_T(x_T)
 * </pre>
 * ∇ℓ and Δℓ come from the dense output of the backward adjoint pass. (Integrating their ODEs forward
 * instead was measured to be ill-conditioned: at tol 1e-8 the two forms then differed by up to 50 %
 * for a random tanh network, and only agreed to 1e-5 at tol 1e-12.)
 */
final class WkbDeltaXSystem implements EnsembleOde {

    static final int DIM = 5;

    private final Schedule schedule;
    private final ScoreModel score;
    private final DenseTrajectories backward;
    private final int[] memberOfBackward;
    private final ScoreJets jets = new ScoreJets(64);
    private final PfLocalField field = new PfLocalField();
    private final double[] adjoint = new double[WkbAdjointSystem.DIM];
    private double[] xy = new double[128];
    private int[] ids = new int[64];

    /**
     * @param memberOfBackward for each member of this pass, its member index in the backward pass
     */
    WkbDeltaXSystem(Schedule schedule, ScoreModel score, DenseTrajectories backward, int[] memberOfBackward) {
        this.schedule = schedule;
        this.score = score;
        this.backward = backward;
        this.memberOfBackward = memberOfBackward;
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
        score.jets(t, xy, count, 2, jets);
        for (int i = 0; i < count; i++) {
            int off = DIM * i;
            field.load(schedule, t[i], xy[2 * i], xy[2 * i + 1], jets, i, 2);
            backward.interpolate(memberOfBackward[members[i]], t[i], adjoint, 0);
            double gx = adjoint[2];
            double gy = adjoint[3];
            double laplacian = adjoint[4] + adjoint[6];
            double dx = y[off + 2];
            double dy = y[off + 3];
            dydt[off] = field.f[0];
            dydt[off + 1] = field.f[1];
            dydt[off + 2] = field.jac[0][0] * dx + field.jac[0][1] * dy - field.q * (field.s[0] - gx);
            dydt[off + 3] = field.jac[1][0] * dx + field.jac[1][1] * dy - field.q * (field.s[1] - gy);
            dydt[off + 4] = dx * field.gradDivF[0] + dy * field.gradDivF[1] - field.q * (field.divS - laplacian);
        }
    }
}
