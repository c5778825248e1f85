package org.diffusionplayground.model.likelihood;

import org.diffusionplayground.model.ode.DenseTrajectories;
import org.diffusionplayground.model.ode.EnsembleOde;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreJets;
import org.diffusionplayground.model.score.ScoreModel;

/**
 * The backward pass of the WKB correction in its adjoint form (MATH.md §5), per member (∇ℓ, H, c) with
 * ℓ = log q_t⁰, integrated from T (∇ℓ, H from the terminal density, c = 0) down to t_min:
 * <pre>
 *   dc/dt = −½g² [ ∇·s_θ − Δℓ + ∇ℓ·(s_θ − ∇ℓ) ],     so that C(x₀) = −c(t_min)
 * </pre>
 * since C = ∫_{t_min}^T (the bracket integrand) dt and c runs backward from 0. The ∇ℓ and H equations
 * are in {@link PfLocalField#logDensityDerivatives}. Needs third-order jets of s_θ.
 *
 * <p>The path x(t) is read from the forward pass's dense output, never integrated backward: where
 * ∂f_PF/∂x has eigenvalues of −40 to −90 (the flow contracts toward the gaps between modes), a backward
 * integration of x amplifies every local error by up to e⁴⁰ and computes ∇ℓ, H and C along a path
 * that is not the point's (docs/results.md, "The backward pass").
 */
final class WkbAdjointSystem implements EnsembleOde {

    static final int DIM = 6;

    private final Schedule schedule;
    private final PathJets points;
    private final PfLocalField field = new PfLocalField();

    /**
     * @param path         the forward pass's dense output of x(t)
     * @param memberOfPath for each member of this pass, its member index in {@code path}
     */
    WkbAdjointSystem(Schedule schedule, ScoreModel score, DenseTrajectories path, int[] memberOfPath) {
        this.schedule = schedule;
        this.points = new PathJets(score, path, memberOfPath);
    }

    @Override
    public int dimension() {
        return DIM;
    }

    @Override
    public void derivatives(int[] members, double[] t, double[] y, double[] dydt, int count) {
        points.load(members, t, count, 3);
        double[] xy = points.xy();
        ScoreJets jets = points.jets();
        for (int i = 0; i < count; i++) {
            int off = DIM * i;
            field.load(schedule, t[i], xy[2 * i], xy[2 * i + 1], jets, i, 3);
            field.logDensityDerivatives(y, off, dydt);
            double gx = y[off];
            double gy = y[off + 1];
            double laplacian = y[off + 2] + y[off + 4];
            double bracket = field.divS - laplacian + gx * (field.s[0] - gx) + gy * (field.s[1] - gy);
            dydt[off + 5] = -field.q * bracket;
        }
    }
}
