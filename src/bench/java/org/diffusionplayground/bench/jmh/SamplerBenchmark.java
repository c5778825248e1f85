package org.diffusionplayground.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.diffusionplayground.bench.BenchModel;
import org.diffusionplayground.bench.Workload;
import org.diffusionplayground.bench.Workloads;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.score.NetworkScore;
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

/** Row 3: one 𝔥 = 1 Euler–Maruyama step of 10 000 particles, and a whole 500-step sample. */
@State(Scope.Benchmark)
@Fork(1)
public class SamplerBenchmark {

    private Workload step;
    private Workload sample;

    @Setup
    public void setUp() {
        Schedule schedule = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        NetworkScore net = new NetworkScore(Mlp.initialise(BenchModel.trainingConfig().network(), 0), schedule);
        ReverseProcess process = new ReverseProcess(schedule, net, 1.0);
        step = Workloads.samplerStep(process, 10_000, 500);
        sample = Workloads.fullSample(process, 10_000, 500);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public void eulerMaruyamaStep10k() {
        step.run();
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public void fullSample10kTimes500Steps() {
        sample.run();
    }
}
