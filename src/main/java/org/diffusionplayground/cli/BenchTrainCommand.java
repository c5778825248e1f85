package org.diffusionplayground.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.Activation;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.Target;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.diffusionplayground.model.train.Nd4jSetup;
import org.diffusionplayground.model.train.Objective;
import org.diffusionplayground.model.train.TrainingBenchmark;
import org.diffusionplayground.model.train.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code playground bench-train}: steps/s of the trainer (DSM, or ISM/SSM with --objective) for the two networks of docs/benchmarks.md
 * (34→3×128→2 SiLU at batch 1024, the paper's 3→3×128→2 at batch 512), with achieved matmul GFLOP/s, a
 * per-phase breakdown and the machine's large-matmul peak through the same OpenBLAS.
 */
@Command(name = "bench-train", mixinStandardHelpOptions = true,
        description = "Measure training speed (DSM steps/s, GFLOP/s, where the time goes).")
public final class BenchTrainCommand implements Callable<Integer> {

    @Option(names = "--steps", defaultValue = "300", description = "timed steps per repeat (default 300)")
    int steps;

    @Option(names = "--repeats", defaultValue = "5", description = "repeats per network (default 5)")
    int repeats;

    @Option(names = "--warmup", defaultValue = "200", description = "untimed steps first (default 200)")
    int warmup;

    @Option(names = "--blas-threads", description = "OpenBLAS threads (default: one per core)")
    Integer blasThreads;

    @Option(names = "--objective", defaultValue = "DSM",
            description = "DSM (default), ISM or SSM: the tangent rows of ISM/SSM triple or double every product")
    Objective objective;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Nd4jSetup.ensure();
        if (blasThreads != null) {
            Nd4jSetup.setBlasThreads(blasThreads);
        }
        out.printf(Locale.ROOT, "Java %s, %d cores, OpenBLAS threads %d, OMP_WAIT_POLICY=%s, OPENBLAS_CORETYPE=%s%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Nd4jSetup.blasThreads(), System.getenv("OMP_WAIT_POLICY"), System.getenv("OPENBLAS_CORETYPE"));
        double peak = TrainingBenchmark.matmulPeak(2048, 3);
        out.printf(Locale.ROOT, "large matmul peak (2048³ sgemm, best of 3): %.0f GFLOP/s%n", peak);
        double[] call = TrainingBenchmark.gemmCallComparison(400);
        out.printf(Locale.ROOT, "1024×128·128×128 product, median: Nd4j.gemm %.3f ms, cblas_sgemm direct %.3f ms%n",
                call[0], call[1]);
        ScheduleSpec simple = ScheduleSpec.of(ScheduleKind.SIMPLE);
        TrainingConfig app = TrainingConfig.defaults(simple).toBuilder()
                .network(new MlpSpec(128, 3, Activation.SILU, TimeEmbedding.sinusoidal(32), Target.EPSILON))
                .batchSize(1024).objective(objective).build();
        String by = objective == Objective.DSM ? "" : ", " + objective;
        report(out, "34→3×128→2 SiLU, sinusoidal(32), ε target, batch 1024" + by, app, 10_000, peak);
        report(out, "paper 3→3×128→2 SiLU, raw t, score target, batch 512" + by,
                TrainingConfig.paper(simple).toBuilder().objective(objective).build(), 3_000, peak);
        return 0;
    }

    private void report(PrintStream out, String title, TrainingConfig config, int dataSize, double peak) {
        List<TrainingBenchmark.Repeat> reps = TrainingBenchmark.run(config,
                ToyData.SWISS_ROLL.generate(dataSize, 1), warmup, steps, repeats);
        double min = reps.stream().mapToDouble(TrainingBenchmark.Repeat::stepsPerSecond).min().orElse(0);
        double max = reps.stream().mapToDouble(TrainingBenchmark.Repeat::stepsPerSecond).max().orElse(0);
        double[] sorted = reps.stream().mapToDouble(TrainingBenchmark.Repeat::stepsPerSecond).sorted().toArray();
        TrainingBenchmark.Repeat best = reps.stream()
                .max(java.util.Comparator.comparingDouble(TrainingBenchmark.Repeat::stepsPerSecond)).orElseThrow();
        // every product runs on the stacked primal and tangent rows
        double flops = TrainingBenchmark.flopsPerStep(config.network(),
                config.batchSize() * (1 + config.objective().tangents()));
        out.printf(Locale.ROOT, "%n%s%n  %.1f MFLOP of matmul per step%n", title, flops / 1e6);
        out.printf(Locale.ROOT, "  steps/s over %d repeats of %d steps: min %.0f, median %.0f, max %.0f%n", reps.size(),
                steps, min, sorted[sorted.length / 2], max);
        out.printf(Locale.ROOT, "  matmul GFLOP/s in the fastest repeat: %.0f (%.0f%% of the peak); whole step: "
                + "%.0f GFLOP/s%n", best.gflops(), 100 * best.gflops() / peak, flops * best.stepsPerSecond() / 1e9);
        TrainingBenchmark.Phases p = best.phases();
        out.printf(Locale.ROOT, "  ms/step in the fastest repeat: data %.3f, forward %.3f, loss %.3f, backward %.3f, "
                + "update %.3f; of which sgemm %.3f%n", p.data(), p.forward(), p.loss(), p.backward(), p.update(),
                p.gemm());
        for (TrainingBenchmark.Repeat r : reps) {
            out.printf(Locale.ROOT, "    repeat: %.0f steps/s, sgemm %.3f ms/step%n", r.stepsPerSecond(),
                    r.phases().gemm());
        }
    }
}
