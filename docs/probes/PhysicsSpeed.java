// Speed probe of the physics core (docs/benchmarks.md, "Physics core"). Not part of the build: run it from the
// repository root after `./mvnw -q -DskipTests package` with
//   java --add-modules jdk.incubator.vector -cp "target/classes:target/lib/*" docs/probes/PhysicsSpeed.java CHECKPOINT
// (CHECKPOINT: a model base path, e.g. target/table-models/swissroll-SIMPLE-seed1/model). The project's JMH suite
// (src/bench) is the maintained benchmark; this file only records how the numbers in docs/benchmarks.md were taken.

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.checkpoint.CheckpointIO;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.likelihood.LikelihoodOptions;
import org.diffusionplayground.model.likelihood.LikelihoodResult;
import org.diffusionplayground.model.likelihood.WkbLikelihood;
import org.diffusionplayground.model.metrics.Wasserstein;
import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.reference.FokkerPlanckOptions;
import org.diffusionplayground.model.reference.FokkerPlanckResult;
import org.diffusionplayground.model.reference.FokkerPlanckSolver;
import org.diffusionplayground.model.reference.Region;
import org.diffusionplayground.model.sampling.EulerMaruyama;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.sampling.Sampler;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.Activation;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.score.Target;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.diffusionplayground.model.util.Cancellation;

public class PhysicsSpeed {

    static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        Checkpoint cp = CheckpointIO.load(Path.of(args[0]));
        Schedule schedule = cp.schedule().build();
        NetworkScore paper = new NetworkScore(cp.network(), schedule);
        NetworkScore app = new NetworkScore(Mlp.initialise(new MlpSpec(128, 3, Activation.SILU,
                TimeEmbedding.sinusoidal(32), Target.EPSILON), 1), schedule);
        System.out.printf("load average at start: %.1f on %d cores%n", OS.getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());

        // 1. one 𝔥-sampler step (Euler–Maruyama, 𝔥 = 1) for 10 000 particles
        for (NetworkScore net : new NetworkScore[] {paper, app}) {
            int n = 10_000;
            ReverseProcess p = new ReverseProcess(schedule, net, 1.0);
            double[] xy = new double[2 * n];
            CounterNormal noise = new CounterNormal(1);
            Sampler.samplePrior(p, xy, n, noise);
            double[] drift = new double[2 * n];
            double[] score = new double[2 * n];
            int warm = 200;
            int reps = 600;
            double[] ms = new double[reps - warm];
            long cpu0 = 0;
            for (int k = 0; k < reps; k++) {
                if (k == warm) {
                    cpu0 = OS.getProcessCpuTime();
                }
                double t = 0.9 - (k % 500) * 1e-3;
                long t0 = System.nanoTime();
                EulerMaruyama.step(p, xy, n, t, t - 1e-3, noise, k, drift, score);
                if (k >= warm) {
                    ms[k - warm] = (System.nanoTime() - t0) / 1e6;
                }
                if (k % 100 == 99) {
                    Sampler.samplePrior(p, xy, n, noise); // keep the particles in range
                }
            }
            double cpu = (OS.getProcessCpuTime() - cpu0) / 1e6 / (reps - warm);
            Arrays.sort(ms);
            System.out.printf("EM step, 10 000 particles, %s: wall min %.2f / median %.2f ms; process CPU %.2f ms "
                    + "per step%n", net.describe(), ms[0], ms[ms.length / 2], cpu);
        }

        // 2. NLL + C for 1 000 held-out points at tol 1e-5
        DataSet data = DataSet.of(cp.dataSource());
        PointSet held = data.heldOut(1000, cp.card().seed());
        for (int r = 0; r < 3; r++) {
            long cpu0 = OS.getProcessCpuTime();
            LikelihoodResult lr = new WkbLikelihood(schedule, paper, LikelihoodOptions.of(1e-5))
                    .withCorrection(held, null, Cancellation.NEVER);
            System.out.printf("NLL + C, 1 000 points, tol 1e-5: %.2f s wall, %.2f s CPU, %d network evaluations "
                    + "(points), NLL %.4f, -E[C] %.4f, %d failed%n", lr.seconds(),
                    (OS.getProcessCpuTime() - cpu0) / 1e9, lr.memberEvaluations(), lr.summary().meanNll(),
                    lr.summary().nllCorrection(), lr.summary().failed());
        }

        // 3. exact W2 by assignment, 2 000 against 2 000 points
        PointSet a = data.heldOut(2000, 7);
        PointSet b = data.heldOut(2000, 8);
        for (int r = 0; r < 3; r++) {
            long t0 = System.nanoTime();
            double w = Wasserstein.exact(a, b);
            System.out.printf("exact W2, 2 000 vs 2 000 points: %.3f s (W2 = %.4f)%n", (System.nanoTime() - t0) / 1e9, w);
        }

        // 4. one Fokker–Planck solve, 𝔥 = 1, fixed 256² grid
        long cpu0 = OS.getProcessCpuTime();
        FokkerPlanckResult fp = new FokkerPlanckSolver(schedule, paper, FokkerPlanckOptions.defaults().withCells(256, 256))
                .solve(Region.around(data.points(), 0.05), new double[] {1}, held, 0, null, Cancellation.NEVER);
        System.out.printf("Fokker-Planck 256², 𝔥 = 1: %.1f s wall, %.1f s CPU, %d macro steps, %d substeps, %d score "
                + "points; NLL(1) = %.4f%n", fp.seconds(), (OS.getProcessCpuTime() - cpu0) / 1e9, fp.macroSteps(),
                fp.marginal(1).substeps(), fp.scorePoints(), fp.marginal(1).meanNll());
    }
}
