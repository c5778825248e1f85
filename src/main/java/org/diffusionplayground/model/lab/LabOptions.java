package org.diffusionplayground.model.lab;

import java.util.Arrays;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.metrics.Wasserstein;

/**
 * What the sampler lab compares: budgets of score evaluations per particle (NFE), the particle count, the
 * seed of x_T and of every step's noise, 𝔥, and how many of the particles enter W2, MMD² and the error against
 * the reference solve (exact W2 by assignment costs n³; the other particles still shape nothing but the
 * network's error, which uses them all).
 */
public record LabOptions(int[] budgets, int particles, long seed, double h, int metricPoints) {

    /** The lab's default comparison: 5 budgets from 10 to 200 NFE, 4 000 particles, 500 of them measured, 𝔥 = 0. */
    public static final LabOptions DEFAULT = new LabOptions(new int[] {10, 20, 50, 100, 200}, 4000, 1, 0.0, 500);

    public static final int MAX_PARTICLES = 100_000;

    public LabOptions {
        if (budgets == null || budgets.length == 0) {
            throw new IllegalArgumentException("give at least one budget of network evaluations");
        }
        budgets = budgets.clone();
        Arrays.sort(budgets);
        for (int k = 0; k < budgets.length; k++) {
            if (budgets[k] < 1 || budgets[k] > TimeGrid.MAX_STEPS) {
                throw new IllegalArgumentException("every budget must be between 1 and " + TimeGrid.MAX_STEPS
                        + " evaluations, got " + budgets[k]);
            }
            if (k > 0 && budgets[k] == budgets[k - 1]) {
                throw new IllegalArgumentException("the budget " + budgets[k] + " is given twice");
            }
        }
        if (particles < 2 || particles > MAX_PARTICLES) {
            throw new IllegalArgumentException("particles must be between 2 and " + MAX_PARTICLES + ", got " + particles);
        }
        ReverseProcess.requireValidH(h);
        if (metricPoints < 2 || metricPoints > Wasserstein.MAX_EXACT) {
            throw new IllegalArgumentException("the points for W2 and MMD² must be between 2 and " + Wasserstein.MAX_EXACT
                    + ", got " + metricPoints);
        }
    }

    @Override
    public int[] budgets() {
        return budgets.clone();
    }

    /** Points entering W2 and MMD²: {@link #metricPoints}, at most the particles. */
    public int comparedPoints() {
        return Math.min(metricPoints, particles);
    }

    public LabOptions withH(double newH) {
        return new LabOptions(budgets, particles, seed, newH, metricPoints);
    }
}
