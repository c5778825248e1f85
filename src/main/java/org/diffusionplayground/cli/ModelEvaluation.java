package org.diffusionplayground.cli;

import java.util.ArrayList;
import java.util.List;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.likelihood.LikelihoodOptions;
import org.diffusionplayground.model.likelihood.LikelihoodResult;
import org.diffusionplayground.model.likelihood.WkbLikelihood;
import org.diffusionplayground.model.metrics.SampleQuality;
import org.diffusionplayground.model.reference.FokkerPlanckOptions;
import org.diffusionplayground.model.reference.FokkerPlanckResult;
import org.diffusionplayground.model.reference.FokkerPlanckSolver;
import org.diffusionplayground.model.reference.Region;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.ProgressListener;
import org.diffusionplayground.scene.SolverChoice;

/**
 * The numbers of one row of the paper's table for one trained model (MATH.md §4–§6): PF-ODE NLL and the
 * first-order correction at each tolerance, the exact NLL(𝔥) from the Fokker–Planck grid, and W2 and MMD² of
 * samples at 𝔥 = 0 and 1 (by default Euler–Maruyama on equal steps, the paper's sampler) against an i.i.d.
 * draw of the data, with the noise floor of i.i.d. draws (docs/MATH.md §6.4).
 */
record ModelEvaluation(List<AtTolerance> likelihoods, double gridNll0, double gridNll1, int gridCells,
        double gridSeconds, int gridFailures, double w2h0, double w2h1, double mmd2h0, double mmd2h1,
        SampleQuality.Floor floor, double seconds, double gridError0, double gridError1) {

    /** i.i.d. draws of the data whose distances to the reference give the noise floor. */
    static final int FLOOR_DRAWS = 4;

    /** NLL and C at one solver tolerance. */
    record AtTolerance(double tolerance, LikelihoodResult.Summary summary, LikelihoodResult.CorrectionSpread spread,
            long evaluations, double seconds) {
    }

    /** What to compute. */
    record Settings(double[] tolerances, int points, int samples, SolverChoice solver, int samplerSteps,
            FokkerPlanckOptions grid, boolean references) {
    }

    static ModelEvaluation of(Schedule schedule, ScoreModel score, DataSet data, long seed, Settings settings,
            ProgressListener progress) {
        long start = System.nanoTime();
        PointSet heldOut = data.heldOut(settings.points(), seed);
        List<AtTolerance> likelihoods = new ArrayList<>();
        for (double tol : settings.tolerances()) {
            progress.progress(0, "NLL and C at tol " + tol);
            LikelihoodResult r = new WkbLikelihood(schedule, score, LikelihoodOptions.of(tol))
                    .withCorrection(heldOut, null, Cancellation.NEVER);
            likelihoods.add(new AtTolerance(tol, r.summary(), r.correctionSpread(), r.memberEvaluations(),
                    r.seconds()));
        }
        if (!settings.references()) {
            return new ModelEvaluation(List.copyOf(likelihoods), Double.NaN, Double.NaN, 0, 0, 0, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, SampleQuality.Floor.NONE, (System.nanoTime() - start) / 1e9,
                    Double.NaN, Double.NaN);
        }
        progress.progress(0, "Fokker–Planck grid");
        FokkerPlanckResult grid = new FokkerPlanckSolver(schedule, score, settings.grid())
                .solve(Region.around(data.points(), 0.05), new double[] {0, 1}, heldOut, 0, progress,
                        Cancellation.NEVER);
        FokkerPlanckResult.Marginal g0 = grid.marginal(0);
        FokkerPlanckResult.Marginal g1 = grid.marginal(1);
        progress.progress(0, "samples, W2 and MMD²");
        PointSet reference = SampleQuality.canDraw(data) ? SampleQuality.iidDraw(data, settings.samples(), seed)
                : data.heldOut(settings.samples(), seed);
        double bandwidth = SampleQuality.bandwidth(reference);
        SolverChoice solver = settings.solver();
        TimeGrid steps = TimeGrid.of(solver.stepSchedule(), schedule, settings.samplerSteps());
        SampleQuality.Distances d0 = SampleQuality.of(new ReverseProcess(schedule, score, 0), solver.sampler(0, false),
                steps, seed, reference, bandwidth, Cancellation.NEVER);
        SampleQuality.Distances d1 = SampleQuality.of(new ReverseProcess(schedule, score, 1), solver.sampler(1, false),
                steps, seed, reference, bandwidth, Cancellation.NEVER);
        SampleQuality.Floor floor = SampleQuality.iidFloor(data, reference, FLOOR_DRAWS, seed, bandwidth,
                Cancellation.NEVER);
        return new ModelEvaluation(List.copyOf(likelihoods), g0.meanNll(), g1.meanNll(), grid.finalCells(),
                grid.seconds(), g0.failed() + g1.failed(), d0.w2(), d1.w2(), d0.mmd2(), d1.mmd2(), floor,
                (System.nanoTime() - start) / 1e9, g0.gridError(), g1.gridError());
    }
}
