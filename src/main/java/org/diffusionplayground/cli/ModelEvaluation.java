package org.diffusionplayground.cli;

import java.util.ArrayList;
import java.util.List;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.evaluation.ModelStudy;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.likelihood.LikelihoodOptions;
import org.diffusionplayground.model.likelihood.LikelihoodResult;
import org.diffusionplayground.model.metrics.SampleQuality;
import org.diffusionplayground.model.reference.FokkerPlanckOptions;
import org.diffusionplayground.model.reference.FokkerPlanckResult;
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
        PointSet heldOut = data.heldOut(settings.points(), seed);
        List<LikelihoodOptions> likelihoods = new ArrayList<>();
        for (double tol : settings.tolerances()) {
            likelihoods.add(LikelihoodOptions.of(tol));
        }
        SolverChoice solver = settings.solver();
        double[] zeroAndOne = {0, 1};
        ModelStudy.Request request = new ModelStudy.Request(likelihoods,
                settings.references() ? new ModelStudy.Grid(settings.grid(), zeroAndOne) : null,
                settings.references() ? new ModelStudy.Samples(zeroAndOne, h -> solver.sampler(h, false),
                        TimeGrid.of(solver.stepSchedule(), schedule, settings.samplerSteps()), seed,
                        SampleQuality.reference(data, settings.samples(), seed), seed) : null);
        ModelStudy.Result r = ModelStudy.run(schedule, score, data, heldOut, request, progress, Cancellation.NEVER);
        List<AtTolerance> atTolerance = new ArrayList<>();
        for (int k = 0; k < likelihoods.size(); k++) {
            LikelihoodResult l = r.likelihoods().get(k);
            atTolerance.add(new AtTolerance(settings.tolerances()[k], l.summary(), l.correctionSpread(),
                    l.memberEvaluations(), l.seconds()));
        }
        if (r.grid() == null) {
            return new ModelEvaluation(List.copyOf(atTolerance), Double.NaN, Double.NaN, 0, 0, 0, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, SampleQuality.Floor.NONE, r.seconds(), Double.NaN, Double.NaN);
        }
        FokkerPlanckResult.Marginal g0 = r.grid().marginal(0);
        FokkerPlanckResult.Marginal g1 = r.grid().marginal(1);
        return new ModelEvaluation(List.copyOf(atTolerance), g0.meanNll(), g1.meanNll(), r.grid().finalCells(),
                r.grid().seconds(), g0.failed() + g1.failed(), r.w2()[0][1], r.w2()[1][1], r.w2()[0][2], r.w2()[1][2],
                r.floor(), r.seconds(), g0.gridError(), g1.gridError());
    }
}
