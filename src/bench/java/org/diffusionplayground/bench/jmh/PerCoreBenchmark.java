package org.diffusionplayground.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.diffusionplayground.bench.BenchModel;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.score.ScoreJets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The kernels on one core: one block of the float forward (64 points) and of the double jets (8 points),
 * which {@code Parallel.forBlocks} runs inline. These are the per-core rates the floors in
 * docs/benchmarks.md are computed from (forward: 66.6 kFLOP per point at one t; jets: 2·c·2·128² FLOP
 * per point in the hidden layers, c = 3 or 10 rows).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PerCoreBenchmark {

    private NetworkScore net;
    private final double[] xy64 = new double[128];
    private final double[] out64 = new double[128];
    private final double[] xy8 = new double[16];
    private final double[] t8 = new double[8];
    private final ScoreJets jets = new ScoreJets(8);

    @Setup
    public void setUp() {
        net = new NetworkScore(Mlp.initialise(BenchModel.trainingConfig().network(), 0),
                ScheduleSpec.of(ScheduleKind.SIMPLE).build());
        for (int i = 0; i < xy64.length; i++) {
            xy64[i] = Math.sin(i);
        }
        for (int i = 0; i < 8; i++) {
            xy8[2 * i] = Math.sin(i);
            xy8[2 * i + 1] = Math.cos(i);
            t8[i] = 0.1 + 0.1 * i;
        }
    }

    @Benchmark
    public double[] forwardBlockOf64Points() {
        net.score(0.5, xy64, 64, out64);
        return out64;
    }

    @Benchmark
    public ScoreJets jetsOrder1BlockOf8Points() {
        net.jets(t8, xy8, 8, 1, jets);
        return jets;
    }

    @Benchmark
    public ScoreJets jetsOrder3BlockOf8Points() {
        net.jets(t8, xy8, 8, 3, jets);
        return jets;
    }
}
