package org.diffusionplayground.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.diffusionplayground.bench.BenchModel;
import org.diffusionplayground.bench.LibtorchPeer;
import org.diffusionplayground.bench.Peers;
import org.diffusionplayground.bench.Workload;
import org.diffusionplayground.bench.Workloads;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.train.TrainingBenchmark;
import org.diffusionplayground.model.train.TrainingConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Row 1 of docs/benchmarks.md: the DSM step of the app's default network, ours and its peers. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TrainingStepBenchmark {

    private TrainingBenchmark.Session ours;
    private Workload plain;
    private LibtorchPeer torch;
    private Workload torchStep;

    @Setup
    public void setUp() {
        TrainingConfig cfg = BenchModel.trainingConfig().withSteps(TrainingConfig.MAX_STEPS);
        PointSet data = BenchModel.load().data().points();
        Mlp start = Mlp.initialise(cfg.network(), cfg.seed());
        ours = new TrainingBenchmark.Session(cfg, data);
        plain = Workloads.plainJavaStep(cfg, data, start);
        Peers.Found<LibtorchPeer> found = Peers.libtorch();
        torch = found.peer().orElse(null);
        torchStep = torch == null ? () -> {
            throw new IllegalStateException("libtorch peer: " + found.reason());
        } : torch.trainingStep(cfg, data, start);
    }

    @Benchmark
    public void nd4jTrainer() {
        ours.step();
    }

    @Benchmark
    public void libtorch() {
        torchStep.run();
    }

    @Benchmark
    @Measurement(iterations = 3, time = 5)
    public void plainJavaFloor() {
        plain.run();
    }

    @TearDown
    public void tearDown() {
        ours.close();
        torchStep.close();
        if (torch != null) {
            torch.close();
        }
    }
}
