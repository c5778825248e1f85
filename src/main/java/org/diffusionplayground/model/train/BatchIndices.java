package org.diffusionplayground.model.train;

import java.util.random.RandomGenerator;

/** Chooses the data points of each mini-batch ({@link Batching}); seeded through the caller's generator. */
final class BatchIndices {

    private final Batching batching;
    private final int dataSize;
    private final int batchSize;
    private final int[] permutation;
    private int cursor;

    BatchIndices(Batching batching, int dataSize, int batchSize) {
        if (batching == Batching.EPOCHS && dataSize < batchSize) {
            throw new IllegalArgumentException("epoch batching needs at least one full batch: the data set has "
                    + dataSize + " points but the batch size is " + batchSize
                    + "; use a smaller batch or batching with replacement");
        }
        this.batching = batching;
        this.dataSize = dataSize;
        this.batchSize = batchSize;
        this.permutation = batching == Batching.EPOCHS ? new int[dataSize] : null;
        this.cursor = -1;
    }

    /** Batches per epoch (⌊n / batch⌋, the remainder dropped, as the paper's train_one_epoch). */
    int batchesPerEpoch() {
        return dataSize / batchSize;
    }

    void next(RandomGenerator rng, int[] out) {
        if (batching == Batching.WITH_REPLACEMENT) {
            for (int i = 0; i < batchSize; i++) {
                out[i] = rng.nextInt(dataSize);
            }
            return;
        }
        if (cursor < 0 || cursor + batchSize > batchesPerEpoch() * batchSize) {
            for (int i = 0; i < dataSize; i++) {
                permutation[i] = i;
            }
            for (int i = dataSize - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = permutation[i];
                permutation[i] = permutation[j];
                permutation[j] = tmp;
            }
            cursor = 0;
        }
        System.arraycopy(permutation, cursor, out, 0, batchSize);
        cursor += batchSize;
    }
}
