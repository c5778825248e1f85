package org.diffusionplayground.model.checkpoint;

import java.io.IOException;

/** A checkpoint could not be saved or loaded; the message is meant for the user and names the file. */
public class CheckpointException extends IOException {

    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
