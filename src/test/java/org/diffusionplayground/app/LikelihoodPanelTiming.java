package org.diffusionplayground.app;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.checkpoint.PretrainedModel;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.likelihood.LikelihoodOptions;
import org.diffusionplayground.model.metrics.SampleQuality;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.scene.SamplerSettings;

/**
 * The likelihood panel's full default computation ({@link LikelihoodViewModel#evaluate}: 500 held-out points,
 * NLL and C at tol 1e-3, the exact curve at every 𝔥 of {@link LikelihoodViewModel#CURVE_HS} on the default
 * grid, W2 at 200 steps) on a bundled model, with wall and process CPU time per part. Not a test: the timing
 * for docs/benchmarks.md ("Likelihood panel"), run as it says there.
 */
public final class LikelihoodPanelTiming {

    private LikelihoodPanelTiming() {
    }

    public static void main(String[] args) throws Exception {
        PretrainedModel model = args.length > 0 ? PretrainedModel.byId(args[0]).orElseThrow() : PretrainedModel.DEFAULT;
        Checkpoint cp = model.load();
        DataSet data = DataSet.of(cp.dataSource());
        Schedule schedule = cp.schedule().build();
        ScoreModel score = new NetworkScore(cp.network(), schedule);
        PointSet points = data.heldOut(500, LikelihoodViewModel.HELD_OUT_SEED);
        PointSet w2Reference = SampleQuality.iidDraw(data, LikelihoodViewModel.W2_POINTS, LikelihoodViewModel.W2_SEED);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] mark = {System.nanoTime() / 1e9, os.getProcessCpuTime() / 1e9};
        String[] part = {"start"};
        org.diffusionplayground.model.evaluation.ModelStudy.Result e = LikelihoodViewModel.evaluate(schedule, score, data, points,
                LikelihoodOptions.of(1e-3), LikelihoodViewModel.EXACT_GRID,
                SamplerSettings.DEFAULT.solver(), 200, 1, w2Reference, (f, m) -> {
                    String now = m.startsWith("Fokker") || m.startsWith("error estimate") ? "grid"
                            : m.startsWith("W2") ? "W2" : "NLL and C";
                    if (!now.equals(part[0])) {
                        report(part[0], mark, os);
                        part[0] = now;
                    }
                }, Cancellation.NEVER);
        report(part[0], mark, os);
        System.out.printf(Locale.ROOT, "%s: total %.2f s wall; exact curve at %d values of 𝔥 on %d² cells%n", model.id(),
                e.seconds(), e.grid().marginals().size(), e.grid().finalCells());
    }

    private static void report(String part, double[] mark, com.sun.management.OperatingSystemMXBean os) {
        double wall = System.nanoTime() / 1e9;
        double cpu = os.getProcessCpuTime() / 1e9;
        if (!part.equals("start")) {
            System.out.printf(Locale.ROOT, "  %-10s %6.2f s wall, %6.2f s CPU%n", part, wall - mark[0], cpu - mark[1]);
        }
        mark[0] = wall;
        mark[1] = cpu;
    }
}
