package org.diffusionplayground.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.diffusionplayground.bench.BenchModel;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.reference.FokkerPlanckOptions;
import org.diffusionplayground.model.reference.FokkerPlanckResult;
import org.diffusionplayground.model.reference.FokkerPlanckSolver;
import org.diffusionplayground.model.reference.Region;
import org.diffusionplayground.model.util.Cancellation;
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

/** Row 5: the Fokker–Planck grid solve for 𝔥 = 1 at 256² (refinement off) on the bench model. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class FokkerPlanckBenchmark {

    private FokkerPlanckSolver solver;
    private Region box;
    private PointSet points;

    @Setup
    public void setUp() {
        BenchModel model = BenchModel.load();
        solver = new FokkerPlanckSolver(model.schedule(), model.score(), FokkerPlanckOptions.defaults().withCells(256, 256));
        box = Region.around(model.data().points(), 0.05);
        points = model.data().heldOut(1_000, 5);
    }

    @Benchmark
    public FokkerPlanckResult gridSolve256() {
        return solver.solve(box, new double[] {1.0}, points, 0, null, Cancellation.NEVER);
    }
}
