package org.diffusionplayground.model.util;

/**
 * Progress of a long computation, reported from the worker thread. The GUI adapts it to the FX
 * thread; the CLI prints a line; tests ignore it.
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (fraction, message) -> { };

    /** @param fraction done so far, in [0, 1] */
    void progress(double fraction, String message);
}
