package org.diffusionplayground.model.train;

/** How data points are drawn into mini-batches. */
public enum Batching {
    /**
     * A fresh seeded permutation each epoch, cut into ⌊n / batch⌋ batches, the remainder dropped: the
     * paper's train_one_epoch. Needs at least one full batch of data.
     */
    EPOCHS,
    /** Each batch draws its points independently and uniformly, with replacement. */
    WITH_REPLACEMENT
}
