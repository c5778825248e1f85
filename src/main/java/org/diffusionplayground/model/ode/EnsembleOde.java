package org.diffusionplayground.model.ode;

/**
 * An ODE system solved for many independent members at once (Hipparchus's OrdinaryDifferentialEquation,
 * vectorised over members). Each member has its own clock, so one call carries one time per member;
 * this is what lets one network evaluation serve every point while each point keeps its own adaptive
 * step size (MATH.md §4: "integrate a whole batch ... or per sample with its own steps — measure").
 */
public interface EnsembleOde {

    /** State dimension of one member. */
    int dimension();

    /**
     * dy/dt for {@code count} members: row i is member {@code members[i]} (systems with per-member data
     * need the identity; the rows are compacted as members finish), at time {@code t[i]} with state
     * {@code y[i·dim .. (i+1)·dim)}; write its derivative into the same slots of {@code dydt}.
     */
    void derivatives(int[] members, double[] t, double[] y, double[] dydt, int count);
}
