package org.diffusionplayground.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.diffusionplayground.bench.BenchModel;
import org.diffusionplayground.bench.BenchSuite;
import org.diffusionplayground.bench.RunningScene;
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

/** Row 6: a frame of the running scene with 10 000 particles, off-screen (p50/p95 from JMH's sample mode). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class FrameBenchmark {

    private RunningScene frames;

    @Setup
    public void setUp() {
        BenchModel model = BenchModel.load();
        frames = new RunningScene(model.score(), model.data(), 10_000, 1.0, BenchSuite.FRAME_WIDTH,
                BenchSuite.FRAME_HEIGHT, 600);
    }

    @Benchmark
    public void frame10kParticles() {
        frames.run();
    }

    @TearDown
    public void tearDown() {
        frames.close();
    }
}
