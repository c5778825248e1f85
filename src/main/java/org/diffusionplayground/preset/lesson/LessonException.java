package org.diffusionplayground.preset.lesson;

import org.diffusionplayground.preset.PresetException;

/**
 * A lesson file could not be read or one of its steps is not a valid scene. The message is for the
 * user: it names the file, the step ({@code step 2}) and the field, and says what is allowed.
 */
public final class LessonException extends PresetException {

    private static final long serialVersionUID = 1L;

    public LessonException(String message) {
        super(message);
    }

    public LessonException(String message, Throwable cause) {
        super(message, cause);
    }
}
