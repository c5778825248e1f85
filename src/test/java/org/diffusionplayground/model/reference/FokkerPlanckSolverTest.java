package org.diffusionplayground.model.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.likelihood.LikelihoodOptions;
import org.diffusionplayground.model.likelihood.LikelihoodResult;
import org.diffusionplayground.model.likelihood.WkbLikelihood;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.score.ScoreJets;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.util.Cancellation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * MATH.md §6.3: the Fokker–Planck grid against exact answers. Grids here are small (≤ 256²), except for the
 * exact-score test of the defaults (512², about 10 s per schedule); docs/results.md has the convergence study.
 */
class FokkerPlanckSolverTest {

    private static final Region ORACLE_BOX = new Region(-2.5, -2.5, 2.5, 2.5);
    private static final FokkerPlanckOptions SMALL = new FokkerPlanckOptions(96, 96, 0, 0.1, 0.4, 6);

    @ParameterizedTest
    @EnumSource(value = ScheduleKind.class, names = {"SIMPLE", "COSINE"})
    void nllMatchesTheClosedFormOfTheGaussianOracleAtEveryH(ScheduleKind kind) {
        // λ ≠ 1: the model is not the score of its own PF density, so every 𝔥 has its own Gaussian
        // q^𝔥 = N(0, V_𝔥 I) (MATH.md §6.1); COSINE adds the stiff end, g² ≈ 2000 at T.
        Schedule schedule = ScheduleSpec.of(kind).build();
        GaussianOracle oracle = new GaussianOracle(schedule, 1.0, 0.5, 0.95);
        // evaluation points where the model's densities live (V_0 ≈ 0.26–0.30 < V_𝔥 < 0.5)
        PointSet points = new GaussianOracle(schedule, 0.35, 1, 1).sampleData(300, 5);
        double[] hs = {0, 0.5, 1, 2};
        double[] exactNll = new double[hs.length];
        FokkerPlanckResult r = new FokkerPlanckSolver(schedule, oracle.score(), SMALL)
                .solve(ORACLE_BOX, hs, points, 3, null, Cancellation.NEVER);
        for (int k = 0; k < hs.length; k++) {
            double h = hs[k];
            FokkerPlanckResult.Marginal m = r.marginal(h);
            double exact = 0;
            double peak = oracle.logDensity(h, 0, 0);
            for (int i = 0; i < points.size(); i++) {
                double e = oracle.logDensity(h, points.x(i), points.y(i));
                exact -= e / points.size();
                if (e > peak - 4) { // the bulk; far tails are less accurate on a 96² grid
                    assertEquals(e, m.logQ()[i], 0.04, "log q at point " + i + ", 𝔥 = " + h);
                }
            }
            assertEquals(0, m.failed());
            assertEquals(exact, m.meanNll(), 5e-3, "NLL at 𝔥 = " + h + " (V = " + oracle.modelVariance(h) + ")");
            assertEquals(exact, m.meanNll(), m.gridError(), "the grid's error bar covers the closed form, 𝔥 = " + h);
            exactNll[k] = exact;
            // conservative scheme, zero-flux walls: the mass stays 1 to round-off; frames are densities
            assertTrue(m.massError() < 1e-10, "mass error " + m.massError());
            assertEquals(3, m.frames().size());
            for (DensityFrame f : m.frames()) {
                assertEquals(1.0, f.mass(), 1e-5, "frame at t = " + f.t());
                for (float v : f.values()) {
                    assertTrue(v >= 0, "negative density in a frame");
                }
            }
        }
        // 𝔥 moves the NLL by much more than the tolerance: the comparison can fail
        assertTrue(Math.abs(exactNll[0] - exactNll[3]) > 3 * 5e-3, "NLL(0) − NLL(2) = " + (exactNll[0] - exactNll[3]));
        assertTrue(r.priorMassOutside() < 1e-8);
    }

    @Test
    void slopeOfTheNllAtZeroIsMinusTheMeanWkbCorrection() {
        // NLL(𝔥) = NLL(0) − 𝔥 E[C] + O(𝔥²): the grid at 𝔥 = 0, δ, 2δ (Richardson: slope = (4Δ(δ) − Δ(2δ))/(2δ))
        // against the WKB backward pass, on the oracle with C ≠ 0.
        Schedule schedule = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        GaussianOracle oracle = new GaussianOracle(schedule, 1.0, 0.5, 0.97);
        PointSet points = new GaussianOracle(schedule, 0.5, 1, 1).sampleData(200, 3);
        LikelihoodResult wkb = new WkbLikelihood(schedule, oracle.score(), LikelihoodOptions.of(1e-8))
                .withCorrection(points, null, Cancellation.NEVER);
        double meanC = wkb.summary().meanCorrection();
        assertTrue(Math.abs(meanC) > 0.3, "the case must have a visible correction, E[C] = " + meanC);
        double d = 0.02;
        FokkerPlanckResult r = new FokkerPlanckSolver(schedule, oracle.score(), SMALL)
                .solve(ORACLE_BOX, new double[] {0, d, 2 * d}, points, 0, null, Cancellation.NEVER);
        double f1 = r.marginal(d).meanNll() - r.marginal(0).meanNll();
        double f2 = r.marginal(2 * d).meanNll() - r.marginal(0).meanNll();
        double slope = (4 * f1 - f2) / (2 * d);
        assertEquals(-meanC, slope, 0.03 * Math.abs(meanC));
        // and NLL(0) is the PF-ODE NLL
        assertEquals(wkb.summary().meanNll(), r.marginal(0).meanNll(), 5e-3);
    }

    @Test
    void exactMixtureScoreGivesTheMixtureNllAtEveryH() {
        // With the exact score every 𝔥-process has the forward marginals p_t (MATH.md §3), so NLL(𝔥) is the
        // cross-entropy of the data under p_{t_min} for all 𝔥 (up to the prior mismatch α_T² ≈ e⁻¹⁰).
        Schedule schedule = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        MixtureScore exact = new MixtureScore(ToyData.GAUSSIANS_8.mixture().orElseThrow(), schedule, "8 gaussians");
        PointSet points = ToyData.GAUSSIANS_8.generate(300, 9);
        double truth = 0;
        for (int i = 0; i < points.size(); i++) {
            truth -= exact.logDensity(schedule.tMin(), points.x(i), points.y(i)) / points.size();
        }
        FokkerPlanckOptions refine = new FokkerPlanckOptions(64, 256, 12, 0.1, 0.4, 6);
        FokkerPlanckResult r = new FokkerPlanckSolver(schedule, exact, refine).solve(
                Region.around(ToyData.GAUSSIANS_8.generate(3000, 1), 0.05), new double[] {0, 1, 2}, points, 0, null,
                Cancellation.NEVER);
        assertEquals(256, r.finalCells(), "the clusters are thin at t_min: the grid must refine");
        for (FokkerPlanckResult.Marginal m : r.marginals()) {
            assertEquals(truth, m.meanNll(), 0.02, "𝔥 = " + m.h());
            assertTrue(m.massError() < 1e-10);
            assertTrue(m.boundaryMass() < 1e-8);
        }
        // the PF-ODE agrees with both
        LikelihoodResult pf = new WkbLikelihood(schedule, exact, LikelihoodOptions.of(1e-6))
                .logLikelihood(points, null, Cancellation.NEVER);
        assertEquals(truth, pf.summary().meanNll(), 2e-3);
    }

    @ParameterizedTest
    @EnumSource(value = ScheduleKind.class, names = {"SIMPLE", "COSINE"})
    void withTheExactScoreNllDoesNotDependOnHAndTheErrorBarCoversTheTruth(ScheduleKind kind) {
        // The exact 25-gaussian score: every 𝔥-process has the forward marginals (MATH.md §3), so NLL(𝔥) is
        // the mixture's cross-entropy at t_min for every 𝔥, and a grid bias shows as NLL(𝔥) − NLL(0) ≠ 0. The
        // second-order limited scheme the grid used before gave −0.016 (SIMPLE) and −0.011 (COSINE) at 𝔥 = 1.
        Schedule schedule = ScheduleSpec.of(kind).build();
        MixtureScore exact = new MixtureScore(ToyData.GAUSSIANS_25.mixture().orElseThrow(), schedule, "25 gaussians");
        PointSet points = ToyData.GAUSSIANS_25.generate(500, 101);
        double truth = 0;
        for (int i = 0; i < points.size(); i++) {
            truth -= exact.logDensity(schedule.tMin(), points.x(i), points.y(i)) / points.size();
        }
        FokkerPlanckResult r = new FokkerPlanckSolver(schedule, exact, FokkerPlanckOptions.defaults()).solve(
                Region.around(ToyData.GAUSSIANS_25.generate(3000, 1), 0.05), new double[] {0, 0.01, 1, 3}, points, 0,
                null, Cancellation.NEVER);
        FokkerPlanckResult.Marginal zero = r.marginal(0);
        for (FokkerPlanckResult.Marginal m : r.marginals()) {
            String at = kind + ", 𝔥 = " + m.h();
            assertEquals(0, m.failed(), at);
            assertEquals(zero.meanNll(), m.meanNll(), 1e-3, "NLL(𝔥) − NLL(0), " + at);
            assertEquals(truth, m.meanNll(), m.gridError(), "the error bar covers the exact NLL, " + at);
            assertTrue(m.gridError() < 0.01, "an error bar that says something: " + m.gridError() + ", " + at);
            if (m != zero) {
                assertEquals(0, m.meanNll() - zero.meanNll(), m.gridErrorOfDifference(zero),
                        "the difference's error bar covers its true value 0, " + at);
            }
        }
    }

    @Test
    void densityAtAnyTimeInterpolatesTheKeptFrames() {
        Schedule schedule = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        GaussianOracle oracle = new GaussianOracle(schedule, 1.0, 1.0, 1.0); // exact: q_t = N(0, I) at every t
        FokkerPlanckOptions coarse = new FokkerPlanckOptions(48, 48, 0, 0.2, 0.4, 6);
        FokkerPlanckResult r = new FokkerPlanckSolver(schedule, oracle.score(), coarse)
                .solve(ORACLE_BOX, new double[] {1}, PointSet.of(new double[0]), 9, null, Cancellation.NEVER);
        FokkerPlanckResult.Marginal m = r.marginal(1);
        assertEquals(9, m.frames().size());
        assertEquals(schedule.tMax(), m.frames().get(0).t(), 1e-12);
        assertEquals(schedule.tMin(), m.frames().get(8).t(), 1e-12);
        double t = 0.37;
        DensityFrame f = m.densityAt(t);
        assertEquals(t, f.t(), 1e-12);
        assertEquals(1.0, f.mass(), 1e-5);
        // N(0, I) at a cell centre near the origin (cell averages differ from point values by ~Δx²/24)
        double x = f.x(24);
        double y = f.y(23);
        assertEquals(Math.exp(-(x * x + y * y) / 2) / (2 * Math.PI), f.at(x, y), 0.01 / (2 * Math.PI));
        assertEquals(0, m.count(), "no evaluation points were given");
        assertTrue(Double.isNaN(m.meanNll()));
    }

    @Test
    void pointsOutsideTheDomainAreReportedNotAveraged() {
        Schedule schedule = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        GaussianOracle oracle = new GaussianOracle(schedule, 1.0, 1.0, 1.0);
        PointSet points = PointSet.of(new double[] {0.1, 0.2, 9.0, 0.0, -0.3, 0.4});
        FokkerPlanckResult r = new FokkerPlanckSolver(schedule, oracle.score(), new FokkerPlanckOptions(32, 32, 0, 0.3,
                0.4, 6)).solve(new Region(-1, -1, 1, 1), new double[] {0}, points, 0, null, Cancellation.NEVER);
        FokkerPlanckResult.Marginal m = r.marginal(0);
        assertFalse(m.ok(1));
        assertTrue(m.failure()[1].contains("outside"), m.failure()[1]);
        assertTrue(Double.isNaN(m.logQ()[1]));
        assertEquals(2, m.count());
        assertEquals(1, m.failed());
        assertTrue(Double.isFinite(m.meanNll()));
    }

    @Test
    void aScoreThatReturnsNanStopsWithAClearMessage() {
        Schedule schedule = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        ScoreModel good = new GaussianOracle(schedule, 1, 1, 1).score();
        ScoreModel poisoned = new ScoreModel() {
            @Override
            public void score(double t, double[] xy, int n, double[] out) {
                good.score(t, xy, n, out);
                if (t < 0.5) {
                    out[7] = Double.NaN;
                }
            }

            @Override
            public void jets(double[] t, double[] xy, int n, int order, ScoreJets out) {
                good.jets(t, xy, n, order, out);
            }

            @Override
            public String describe() {
                return "poisoned";
            }
        };
        FokkerPlanckSolver solver = new FokkerPlanckSolver(schedule, poisoned, new FokkerPlanckOptions(32, 32, 0, 0.3,
                0.4, 6));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> solver.solve(ORACLE_BOX,
                new double[] {0, 1}, PointSet.of(new double[] {0, 0}), 0, null, Cancellation.NEVER));
        assertTrue(e.getMessage().contains("poisoned") && e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void badSettingsAreRejectedWithAMessage() {
        Schedule schedule = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        FokkerPlanckSolver solver = new FokkerPlanckSolver(schedule, new GaussianOracle(schedule, 1, 1, 1).score(),
                new FokkerPlanckOptions(32, 32, 0, 0.3, 0.4, 6));
        PointSet none = PointSet.of(new double[0]);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> solver.solve(ORACLE_BOX, new double[] {-0.5}, none, 0, null, Cancellation.NEVER)).getMessage()
                .contains("≥ 0"));
        assertThrows(IllegalArgumentException.class,
                () -> solver.solve(ORACLE_BOX, new double[] {Double.NaN}, none, 0, null, Cancellation.NEVER));
        assertThrows(IllegalArgumentException.class,
                () -> solver.solve(ORACLE_BOX, new double[0], none, 0, null, Cancellation.NEVER));
        assertThrows(IllegalArgumentException.class,
                () -> solver.solve(ORACLE_BOX, new double[] {1}, none, 1, null, Cancellation.NEVER));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FokkerPlanckOptions(8, 64, 8, 0.1, 0.4, 6))
                .getMessage().contains("between 16 and 4096"));
        assertThrows(IllegalArgumentException.class, () -> new FokkerPlanckOptions(64, 100_000, 8, 0.1, 0.4, 6));
        assertThrows(IllegalArgumentException.class, () -> new FokkerPlanckOptions(128, 64, 8, 0.1, 0.4, 6));
        assertThrows(IllegalArgumentException.class, () -> new FokkerPlanckOptions(64, 64, 8, 0.1, 1.2, 6));
        assertThrows(IllegalArgumentException.class, () -> new FokkerPlanckOptions(64, 64, 8, Double.NaN, 0.4, 6));
        assertThrows(IllegalArgumentException.class, () -> new Region(1, 0, 0, 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FokkerPlanckSolver(schedule,
                new GaussianOracle(schedule, 1, 1, 1).score(), new FokkerPlanckOptions(64, 4096, 8, 0.1, 0.4, 6))
                .solve(ORACLE_BOX, new double[] {0, 1}, none, 64, null, Cancellation.NEVER)).getMessage().contains("GB"));
    }

    @Test
    void cancellationStopsTheSolve() {
        Schedule schedule = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        FokkerPlanckSolver solver = new FokkerPlanckSolver(schedule, new GaussianOracle(schedule, 1, 1, 1).score(),
                new FokkerPlanckOptions(32, 32, 0, 0.1, 0.4, 6));
        int[] calls = {0};
        assertThrows(CancellationException.class, () -> solver.solve(ORACLE_BOX, new double[] {1},
                PointSet.of(new double[0]), 0, null, () -> ++calls[0] > 5));
    }
}
