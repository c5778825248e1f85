package org.diffusionplayground.model.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Configures ND4J once per JVM for the trainer (docs/benchmarks.md, "What the trainer does, and what did not help"):
 * <ul>
 *   <li>float32 everywhere: the network is float, and BLAS sgemm is twice as fast as dgemm;</li>
 *   <li>OpenBLAS gets one thread per core; ND4J's own OpenMP ops get one thread, because the trainer
 *       does its element-wise work in Java and two OpenMP pools on 2 cores only fight;</li>
 *   <li>ND4J's periodic {@code System.gc()} is switched off (the trainer allocates nothing per step).</li>
 * </ul>
 * What cannot be set from here, because the native library reads it when it loads: libgomp's
 * {@code OMP_WAIT_POLICY=PASSIVE} (active spinning on 2 shared cores slows every gemm) and OpenBLAS's
 * {@code OPENBLAS_CORETYPE=SkylakeX} (OpenBLAS 0.3.19 takes AVX-512 Zen 4 for Haswell). The
 * {@code playground} launcher, the Linux app's launcher (src/package/linux/launcher) and the surefire
 * configuration set them; {@link #environmentAdvice()} says when they are missing.
 */
public final class Nd4jSetup {

    private static boolean done;
    private static boolean adviceGiven;

    private Nd4jSetup() {
    }

    /** Idempotent and thread-safe; the first call loads the native library (≈ 1 s). */
    public static synchronized void ensure() {
        if (done) {
            return;
        }
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        int cores = Runtime.getRuntime().availableProcessors();
        Nd4j.factory().blas().setMaxThreads(Math.max(1, cores));
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getMemoryManager().togglePeriodicGc(false);
        done = true;
    }

    /**
     * A one-line hint when the environment misses a setting that measurably helps, or empty. For the command
     * line, whose user can set it; a lecturer cannot act on it in the window.
     */
    public static String environmentAdvice() {
        StringBuilder sb = new StringBuilder();
        if (!"PASSIVE".equalsIgnoreCase(System.getenv("OMP_WAIT_POLICY"))) {
            sb.append("OMP_WAIT_POLICY=PASSIVE is not set (training may run slower; the ./playground launcher sets it)");
        }
        return sb.toString();
    }

    /** Overrides the OpenBLAS thread count (the benchmark compares 1 and 2). */
    public static synchronized void setBlasThreads(int threads) {
        ensure();
        Nd4j.factory().blas().setMaxThreads(Math.max(1, threads));
    }

    /** {@link #environmentAdvice()} the first time it is asked for in this JVM, empty afterwards. */
    public static synchronized String takeEnvironmentAdvice() {
        if (adviceGiven) {
            return "";
        }
        adviceGiven = true;
        return environmentAdvice();
    }

    /** The BLAS thread count in force. */
    public static int blasThreads() {
        ensure();
        return Nd4j.factory().blas().getMaxThreads();
    }
}
