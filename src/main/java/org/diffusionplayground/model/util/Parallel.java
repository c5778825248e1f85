package org.diffusionplayground.model.util;

import java.util.stream.IntStream;

/**
 * Splits work over point blocks on the common fork-join pool (the caller joins in, so a 2-core machine
 * runs two blocks at a time). Small jobs run inline: forking costs ~10 µs, more than a small block.
 */
public final class Parallel {

    /** The body of a block loop: handles indices {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    private Parallel() {
    }

    public static void forBlocks(int n, int block, Range body) {
        if (n <= 0) {
            return;
        }
        int blocks = (n + block - 1) / block;
        if (blocks == 1) {
            body.run(0, n);
            return;
        }
        IntStream.range(0, blocks).parallel().forEach(b -> body.run(b * block, Math.min(n, (b + 1) * block)));
    }
}
