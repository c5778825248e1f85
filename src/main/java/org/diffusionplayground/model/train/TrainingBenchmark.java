package org.diffusionplayground.model.train;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.score.MlpSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures the trainer's speed (the {@code bench-train} command; docs/benchmarks.md). Every repeat runs
 * a fixed number of full DSM steps after a warm-up; on a shared machine the spread between repeats is
 * part of the result, so all repeats are returned, not just a mean.
 */
public final class TrainingBenchmark {

    /** Phase times of one repeat, in milliseconds per step. */
    public record Phases(double data, double forward, double loss, double backward, double update, double gemm) {
    }

    /** One repeat: steps/s, achieved matmul GFLOP/s and where the time went. */
    public record Repeat(double stepsPerSecond, double gflops, Phases phases) {
    }

    private TrainingBenchmark() {
    }

    /**
     * Matmul FLOPs of one step, counting 2·M·K·N for each product actually performed: the forward
     * products of every layer, the weight gradients of every layer, the input gradients of the hidden
     * layers (the first layer's is never needed) and the inline rank-2 product of the output layer.
     */
    public static double flopsPerStep(MlpSpec spec, int batch) {
        double forward = 0;
        for (int l = 0; l < spec.layers(); l++) {
            forward += 2.0 * batch * spec.fanIn(l) * spec.fanOut(l);
        }
        double inputGrads = 0;
        for (int l = 1; l < spec.layers(); l++) {
            inputGrads += 2.0 * batch * spec.fanIn(l) * spec.fanOut(l);
        }
        return 2 * forward + inputGrads;
    }

    /** Runs {@code warmup} steps, then {@code repeats} × {@code steps} timed steps. */
    public static List<Repeat> run(TrainingConfig config, PointSet data, int warmup, int steps, int repeats) {
        List<Repeat> out = new ArrayList<>();
        try (Session session = new Session(config, data)) {
            session.warmup(warmup);
            for (int r = 0; r < repeats; r++) {
                out.add(session.repeat(steps));
            }
        }
        return out;
    }

    /**
     * A trainer kept between repeats, so a caller can interleave other work (a peer's repeats, in the
     * {@code bench} suite) between the repeats of this one.
     */
    public static final class Session implements AutoCloseable {

        private final Nd4jTrainer trainer;
        private final double flops;
        private double lastLoss = Double.NaN;

        public Session(TrainingConfig config, PointSet data) {
            this.trainer = new Nd4jTrainer(config.withSteps(TrainingConfig.MAX_STEPS), data);
            this.flops = flopsPerStep(config.network(), config.batchSize());
        }

        /** Untimed steps (JIT compilation, OpenBLAS thread start-up, caches). */
        public void warmup(int steps) {
            for (int i = 0; i < steps; i++) {
                step();
            }
        }

        /** One step, untimed (JMH times it itself). */
        public void step() {
            lastLoss = trainer.trainStep();
            if (!Double.isFinite(lastLoss)) {
                throw new IllegalStateException("benchmark training diverged at step " + trainer.step());
            }
        }

        /** The batch loss of the last step (a check that the timed steps train). */
        public double lastLoss() {
            return lastLoss;
        }

        /** {@code steps} timed steps. */
        public Repeat repeat(int steps) {
            Nd4jTrainer.StepProfile p = trainer.profile();
            p.reset();
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                step();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double n = p.steps;
            Phases ph = new Phases(p.data / 1e6 / n, p.forward / 1e6 / n, p.loss / 1e6 / n, p.backward / 1e6 / n,
                    p.update / 1e6 / n, p.gemm / 1e6 / n);
            double gemmSeconds = p.gemm / 1e9;
            return new Repeat(steps / seconds, flops * n / gemmSeconds / 1e9, ph);
        }

        /** The weights sampling would use now (EMA when on). */
        public Mlp model() {
            return trainer.modelForSampling();
        }

        @Override
        public void close() {
            trainer.close();
        }
    }

    /** GFLOP/s of one n×n×n float sgemm through the same OpenBLAS, best of {@code repeats}: the peak. */
    public static double matmulPeak(int n, int repeats) {
        Nd4jSetup.ensure();
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, new long[] {n, n}, 'c');
        FloatPointer pa = new FloatPointer(a.data().addressPointer());
        FloatPointer pb = new FloatPointer(b.data().addressPointer());
        FloatPointer pc = new FloatPointer(c.data().addressPointer());
        double best = 0;
        for (int r = 0; r < repeats + 1; r++) {
            long t0 = System.nanoTime();
            openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, n, n, n, 1f,
                    pa, n, pb, n, 0f, pc, n);
            double s = (System.nanoTime() - t0) / 1e9;
            if (r > 0) {
                best = Math.max(best, 2.0 * n * n * n / s / 1e9);
            }
        }
        a.close();
        b.close();
        c.close();
        return best;
    }

    /**
     * Milliseconds per call of the 1024×128 · (128×128)ᵀ product, through {@code Nd4j.gemm} and through
     * cblas_sgemm directly on the same buffers: {@code {nd4jGemm, direct}}, medians of {@code calls}.
     */
    public static double[] gemmCallComparison(int calls) {
        Nd4jSetup.ensure();
        INDArray x = Nd4j.rand(DataType.FLOAT, 1024, 128);
        INDArray w = Nd4j.rand(DataType.FLOAT, 128, 128);
        INDArray z = Nd4j.create(DataType.FLOAT, new long[] {1024, 128}, 'c');
        FloatPointer px = new FloatPointer(x.data().addressPointer());
        FloatPointer pw = new FloatPointer(w.data().addressPointer());
        FloatPointer pz = new FloatPointer(z.data().addressPointer());
        double[] nd = new double[calls];
        double[] direct = new double[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            Nd4j.gemm(x, w, z, false, true, 1.0, 0.0);
            long t1 = System.nanoTime();
            openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasTrans, 1024, 128, 128,
                    1f, px, 128, pw, 128, 0f, pz, 128);
            long t2 = System.nanoTime();
            nd[i] = (t1 - t0) / 1e6;
            direct[i] = (t2 - t1) / 1e6;
        }
        java.util.Arrays.sort(nd);
        java.util.Arrays.sort(direct);
        x.close();
        w.close();
        z.close();
        return new double[] {nd[calls / 2], direct[calls / 2]};
    }
}
