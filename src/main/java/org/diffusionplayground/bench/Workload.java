package org.diffusionplayground.bench;

/**
 * One thing the benchmark suite times: everything it needs is set up when it is made, and {@link #run()}
 * performs one operation (one training step, one forward pass, one frame). The CLI {@code bench} and
 * the JMH benchmarks time the very same workloads ({@link Workloads}).
 */
@FunctionalInterface
public interface Workload extends AutoCloseable {

    /** One operation. */
    void run();

    /** Frees what the workload holds (native buffers, a peer's tensors); nothing by default. */
    @Override
    default void close() {
    }
}
