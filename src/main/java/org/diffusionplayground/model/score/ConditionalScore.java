package org.diffusionplayground.model.score;

/**
 * A score that knows class labels: s(x, t, y) for every class 0 ≤ y &lt; {@link #classes()} and the
 * unconditional s(x, t, ∅). A network trained with label dropout is one (the null label is its ∅); a
 * labelled Gaussian mixture is another, exactly (each class's sub-mixture, and the whole mixture for ∅).
 * {@link Guidance} combines the two into the guided score every sampler then uses.
 */
public interface ConditionalScore {

    /** Number of classes; 0 for a model that knows none (then only {@link #unconditional()} exists). */
    int classes();

    /** s(·, ·, y): the score of class {@code label}. */
    ScoreModel given(int label);

    /** s(·, ·, ∅): the score of all the data, labels ignored. */
    ScoreModel unconditional();
}
