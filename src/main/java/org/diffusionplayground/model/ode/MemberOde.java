package org.diffusionplayground.model.ode;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * One member of an {@link EnsembleOde} seen as a Hipparchus {@link OrdinaryDifferentialEquation}, so the
 * very same vector field can be handed to Hipparchus's integrators one point at a time (the library
 * baseline the batched {@link EnsembleDormandPrince} is measured against in docs/benchmarks.md).
 */
public final class MemberOde implements OrdinaryDifferentialEquation {

    private final EnsembleOde ode;
    private final int[] member;
    private final double[] time = new double[1];

    public MemberOde(EnsembleOde ode, int member) {
        this.ode = ode;
        this.member = new int[] {member};
    }

    @Override
    public int getDimension() {
        return ode.dimension();
    }

    @Override
    public double[] computeDerivatives(double t, double[] y) {
        time[0] = t;
        double[] dydt = new double[y.length];
        ode.derivatives(member, time, y, dydt, 1);
        return dydt;
    }
}
