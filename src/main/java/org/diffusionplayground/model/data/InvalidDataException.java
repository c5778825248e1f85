package org.diffusionplayground.model.data;

/** Bad input data (a malformed CSV, an empty drawing): the message is meant for the user. */
public class InvalidDataException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidDataException(String message) {
        super(message);
    }
}
