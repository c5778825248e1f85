package org.diffusionplayground.model.likelihood;

import org.diffusionplayground.model.ode.DenseTrajectories;
import org.diffusionplayground.model.ode.EnsembleOde;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreJets;
import org.diffusionplayground.model.score.ScoreModel;

/**
 * The paper's form of the WKB correction (MATH.md §5), per member (δx, δy, c), integrated forward from
 * t_min with δx = 0, c = 0 along the point's PF path:
 * <pre>
 *   dδx/dt = (δx·∇) f_PF − ½g² (s_θ − ∇ℓ)
 *   dc/dt  = ∇·δf = (δx·∇)(∇·f_PF) − ½g² (∇·s_θ − Δℓ)
 *   C      = c(T) + δx_T · ∇log q_T(x_T)
 * </pre>
 * The path x(t) comes from the forward pass's dense output (the same path as the adjoint form's), ∇ℓ
 * and Δℓ from the backward pass's. Both dense outputs are the solver's own order-4 continuous extension.
 * (Integrating the ∇ℓ equations forward instead was measured to be ill-conditioned: at tol 1e-8 the two
 * forms then differed by up to 50 % for a random tanh network.)
 */
final class WkbDeltaXSystem implements EnsembleOde {

    static final int DIM = 3;

    private final Schedule schedule;
    private final PathJets points;
    private final DenseTrajectories backward;
    private final int[] memberOfBackward;
    private final PfLocalField field = new PfLocalField();
    private final double[] adjoint = new double[WkbAdjointSystem.DIM];

    WkbDeltaXSystem(Schedule schedule, ScoreModel score, DenseTrajectories path, int[] memberOfPath,
            DenseTrajectories backward, int[] memberOfBackward) {
        this.schedule = schedule;
        this.points = new PathJets(score, path, memberOfPath);
        this.backward = backward;
        this.memberOfBackward = memberOfBackward;
    }

    @Override
    public int dimension() {
        return DIM;
    }

    @Override
    public void derivatives(int[] members, double[] t, double[] y, double[] dydt, int count) {
        points.load(members, t, count, 2);
        double[] xy = points.xy();
        ScoreJets jets = points.jets();
        for (int i = 0; i < count; i++) {
            int off = DIM * i;
            field.load(schedule, t[i], xy[2 * i], xy[2 * i + 1], jets, i, 2);
            backward.interpolate(memberOfBackward[members[i]], t[i], adjoint, 0);
            double gx = adjoint[0];
            double gy = adjoint[1];
            double laplacian = adjoint[2] + adjoint[4];
            double dx = y[off];
            double dy = y[off + 1];
            dydt[off] = field.jac[0][0] * dx + field.jac[0][1] * dy - field.q * (field.s[0] - gx);
            dydt[off + 1] = field.jac[1][0] * dx + field.jac[1][1] * dy - field.q * (field.s[1] - gy);
            dydt[off + 2] = dx * field.gradDivF[0] + dy * field.gradDivF[1] - field.q * (field.divS - laplacian);
        }
    }
}
