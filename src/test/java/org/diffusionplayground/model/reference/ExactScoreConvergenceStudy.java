package org.diffusionplayground.model.reference;

import java.util.Locale;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.util.Cancellation;

/**
 * The grid-convergence study of docs/results.md ("A Fokker–Planck reference with a stated error"): the exact
 * 25-gaussian score, where NLL(𝔥) is the mixture's cross-entropy for every 𝔥, solved on a ladder of grids that
 * halves the cell size and the λ step together. Prints one Markdown row per schedule, grid and 𝔥: the error
 * against the truth, the grid's error bar, and the Richardson extrapolation of this grid and the previous one.
 * Not a test (it takes minutes); run it as docs/results.md says.
 */
public final class ExactScoreConvergenceStudy {

    private ExactScoreConvergenceStudy() {
    }

    public static void main(String[] args) {
        int finest = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        double[] hs = {0, 0.01, 1, 3};
        System.out.println("| schedule | grid (cells at T → at t_min, λ step) | 𝔥 | NLL(𝔥) − truth | error bar | "
                + "NLL(𝔥) − NLL(0) | its error bar | Richardson (p = 2) − truth | grid time |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (ScheduleKind kind : new ScheduleKind[] {ScheduleKind.SIMPLE, ScheduleKind.COSINE}) {
            Schedule schedule = ScheduleSpec.of(kind).build();
            MixtureScore exact = new MixtureScore(ToyData.GAUSSIANS_25.mixture().orElseThrow(), schedule,
                    "25 gaussians");
            PointSet points = ToyData.GAUSSIANS_25.generate(500, 101);
            double truth = 0;
            for (int i = 0; i < points.size(); i++) {
                truth -= exact.logDensity(schedule.tMin(), points.x(i), points.y(i)) / points.size();
            }
            Region box = Region.around(ToyData.GAUSSIANS_25.generate(3000, 1), 0.05);
            double[] previous = null;
            for (int max = 128; max <= finest; max *= 2) {
                double step = 0.1 * 512 / max;
                FokkerPlanckOptions o = FokkerPlanckOptions.defaults().withCells(max / 4, max).withLogSnrStep(step);
                FokkerPlanckResult r = new FokkerPlanckSolver(schedule, exact, o).solve(box, hs, points, 0, null,
                        Cancellation.NEVER);
                double[] nll = new double[hs.length];
                FokkerPlanckResult.Marginal zero = r.marginal(0);
                for (int k = 0; k < hs.length; k++) {
                    FokkerPlanckResult.Marginal m = r.marginal(hs[k]);
                    nll[k] = m.meanNll();
                    String richardson = previous == null ? "—"
                            : String.format(Locale.ROOT, "%+.5f", nll[k] + (nll[k] - previous[k]) / 3 - truth);
                    System.out.printf(Locale.ROOT, "| %s | %d² → %d², %.3f | %s | %+.5f | %.5f | %+.5f | %s | %s | %.0f s |%n",
                            kind, max / 4, r.finalCells(), step, hs[k], nll[k] - truth, m.gridError(),
                            nll[k] - zero.meanNll(), m == zero ? "—"
                                    : String.format(Locale.ROOT, "%.5f", m.gridErrorOfDifference(zero)),
                            richardson, r.seconds());
                }
                previous = nll;
            }
        }
    }
}
