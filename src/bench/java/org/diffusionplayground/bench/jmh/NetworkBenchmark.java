package org.diffusionplayground.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.diffusionplayground.bench.LibtorchPeer;
import org.diffusionplayground.bench.Peers;
import org.diffusionplayground.bench.Workload;
import org.diffusionplayground.bench.Workloads;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.bench.BenchModel;
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

/**
 * Row 2: the score network's forward for 10 000 points (at one t, and with one t per point), the
 * third-order jets of 1 000 points, and libtorch's forward of the same network. Speed does not depend
 * on the weights, so an untrained network of the default architecture is used.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class NetworkBenchmark {

    private Workload forward;
    private Workload forwardPerPoint;
    private Workload jets;
    private LibtorchPeer torch;
    private Workload torchForward;

    @Setup
    public void setUp() {
        Mlp mlp = Mlp.initialise(BenchModel.trainingConfig().network(), 0);
        NetworkScore net = new NetworkScore(mlp, ScheduleSpec.of(ScheduleKind.SIMPLE).build());
        forward = Workloads.forward(net, 10_000);
        forwardPerPoint = Workloads.forwardPerPointTime(net, 10_000);
        jets = Workloads.jets(net, 1_000, 3);
        Peers.Found<LibtorchPeer> found = Peers.libtorch();
        torch = found.peer().orElse(null);
        torchForward = torch == null ? () -> {
            throw new IllegalStateException("libtorch peer: " + found.reason());
        } : torch.forward(mlp, Workloads.networkInput(mlp, 10_000), 10_000, new float[20_000]);
    }

    @Benchmark
    public void forward10kOneTime() {
        forward.run();
    }

    @Benchmark
    public void forward10kPerPointTime() {
        forwardPerPoint.run();
    }

    @Benchmark
    public void jets3rdOrder1k() {
        jets.run();
    }

    @Benchmark
    public void libtorchForward10k() {
        torchForward.run();
    }

    @TearDown
    public void tearDown() {
        torchForward.close();
        if (torch != null) {
            torch.close();
        }
    }
}
