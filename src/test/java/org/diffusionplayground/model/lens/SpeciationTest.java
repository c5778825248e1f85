package org.diffusionplayground.model.lens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionplayground.model.data.GaussianMixture;
import org.diffusionplayground.model.sampling.EulerMaruyama;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.sampling.SampledPaths;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.util.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Symmetry breaking of two well-separated modes (MATH.md §7.4) against the closed-form critical time. */
class SpeciationTest {

    private static final double MU = 1.0;
    private static final double V = 0.01;

    private static MixtureScore pair(Schedule s) {
        GaussianMixture m = new GaussianMixture(new double[] {1, 1}, new double[] {-MU, 0, MU, 0}, new double[] {V, V});
        return new MixtureScore(m, s, "two modes");
    }

    /** Curvature of −ln p_t at the midpoint of the modes, by central differences along the line. */
    private static double midpointCurvature(MixtureScore exact, double t) {
        double h = 1e-3;
        double[] u = Speciation.potentialAlongLine(exact, t, -h, 0, h, 0, 0, 1, 3);
        return (u[0] - 2 * u[1] + u[2]) / (h * h);
    }

    @ParameterizedTest
    @EnumSource(ScheduleKind.class)
    void criticalTimeIsWhereTheExactPotentialBecomesADoubleWell(ScheduleKind kind) {
        Schedule s = ScheduleSpec.of(kind).build();
        MixtureScore exact = pair(s);
        double tc = Speciation.criticalTime(s, MU, V);
        assertTrue(tc > s.tMin() && tc < s.tMax(), kind + ": t_c = " + tc);
        // bisection on the sign of the numerically differentiated exact log-density, no closed form used
        double lo = s.tMin();
        double hi = s.tMax();
        assertTrue(midpointCurvature(exact, lo) < 0 && midpointCurvature(exact, hi) > 0, "double well at t_min only");
        for (int i = 0; i < 60; i++) {
            double mid = 0.5 * (lo + hi);
            if (midpointCurvature(exact, mid) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        // finite-difference error of the curvature, O(h²) relative, moves the root by < 1e-6
        assertEquals(tc, 0.5 * (lo + hi), 1e-6, kind.toString());
        assertEquals(1.0, Speciation.signalToNoise(s, tc, MU, V), 1e-9);
    }

    @Test
    void vpCriticalTimeHasTheClosedForm() {
        // VP: σ² = 1 − α², so α_c² = 1/(1 + μ² − v); SIMPLE's α = e^{−5t²} gives t_c = √(ln(1 + μ² − v)/10)
        Schedule s = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        assertEquals(Math.sqrt(Math.log(1 + MU * MU - V) / 10), Speciation.criticalTime(s, MU, V), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0})
    void backwardTrajectoriesCommitToAModeAtTheCriticalTime(double h) {
        // With the exact score the backward particles at time t are distributed as p_t, so at t_c (signal-
        // to-noise m = 1) their mean assignment entropy is H*(1) ≈ 0.356. Find where the trajectories'
        // curve crosses it and compare with t_c. Tolerance 0.008: 10 000 particles give the mean entropy a
        // standard error ≈ 0.0023 (sd of h ≈ 0.23) and the curve falls at dH/dt ≈ 2.3 at t_c, so 4 SE is
        // 0.004 in t; Euler's O(Δt) marginal bias at 300 steps and the frame interpolation add ≤ 0.004.
        Schedule s = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        MixtureScore exact = pair(s);
        SampledPaths run = SampledPaths.run(new ReverseProcess(s, exact, h), new EulerMaruyama(), 10_000,
                TimeGrid.uniform(s, 300), 3, 151, null, Cancellation.NEVER);
        double[] entropy = Speciation.alongTrajectories(exact, run.frames());
        assertEquals(Math.log(2), entropy[0], 0.01, "undecided at T");
        assertEquals(0.0, entropy[entropy.length - 1], 1e-6, "committed at t_min");
        double target = Speciation.pairEntropy(1.0);
        double crossing = Double.NaN;
        for (int k = 0; k + 1 < entropy.length; k++) {
            if (entropy[k] >= target && entropy[k + 1] < target) {
                double w = (entropy[k] - target) / (entropy[k] - entropy[k + 1]);
                crossing = run.frames().time(k) + w * (run.frames().time(k + 1) - run.frames().time(k));
            }
        }
        assertEquals(Speciation.criticalTime(s, MU, V), crossing, 0.008, "𝔥 = " + h);
    }

    @Test
    void pairEntropyRunsFromLnTwoToZero() {
        assertEquals(Math.log(2), Speciation.pairEntropy(0), 1e-12);
        assertTrue(Speciation.pairEntropy(1) < Speciation.pairEntropy(0.5));
        assertTrue(Speciation.pairEntropy(4) < 1e-3);
    }
}
