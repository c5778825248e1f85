package org.diffusionplayground.model.util;

import java.util.concurrent.CancellationException;

/** Polled by long computations between steps; a true answer aborts them with a CancellationException. */
@FunctionalInterface
public interface Cancellation {

    Cancellation NEVER = () -> false;

    boolean isCancelled();

    default void check() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }
}
