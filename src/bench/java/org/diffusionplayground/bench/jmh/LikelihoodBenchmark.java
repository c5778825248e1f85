package org.diffusionplayground.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.diffusionplayground.bench.BenchModel;
import org.diffusionplayground.bench.Workload;
import org.diffusionplayground.bench.Workloads;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.score.NetworkScore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Row 4: PF-ODE NLL with the WKB correction for 1 000 held-out points of the bench model (trained in
 * the set-up, as the CLI suite does), and the NLL alone, batched versus Hipparchus point by point.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class LikelihoodBenchmark {

    @Param({"1e-3", "1e-5"})
    public double tol;

    private Workload withCorrection;
    private Workload nll;
    private Workload hipparchusNll;

    @Setup
    public void setUp() {
        BenchModel model = BenchModel.load();
        NetworkScore net = model.score();
        PointSet points = model.data().heldOut(1_000, 5);
        withCorrection = Workloads.likelihood(net, points, tol, true);
        nll = Workloads.likelihood(net, points, tol, false);
        hipparchusNll = Workloads.hipparchusLikelihood(net, points, tol);
    }

    @Benchmark
    public void nllAndWkbCorrection1k() {
        withCorrection.run();
    }

    @Benchmark
    public void nllEnsemble1k() {
        nll.run();
    }

    @Benchmark
    public void nllHipparchusPerPoint1k() {
        hipparchusNll.run();
    }
}
