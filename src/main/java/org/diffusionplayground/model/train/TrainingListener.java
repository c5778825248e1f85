package org.diffusionplayground.model.train;

/**
 * Observer of a {@link TrainingJob}. Every method is called on the training thread: a GUI adapts
 * them to its own thread (the view-model does, the model never touches JavaFX). Exactly one of
 * {@link #onFinished}, {@link #onFailed}, {@link #onCancelled} ends every run.
 */
public interface TrainingListener {

    default void onStateChanged(TrainingJob.State state) {
    }

    default void onProgress(TrainingProgress progress) {
    }

    default void onSnapshot(ModelSnapshot snapshot) {
    }

    /** Something went wrong and was handled (a rollback, a slow environment); the message names it. */
    default void onWarning(String message) {
    }

    default void onFinished(TrainingResult result) {
    }

    /** Training stopped on an error; {@code message} is for the user, {@code cause} may be null. */
    default void onFailed(String message, Throwable cause) {
    }

    /** Cancelled by the user; {@code partial} holds the weights reached so far. */
    default void onCancelled(TrainingResult partial) {
    }
}
