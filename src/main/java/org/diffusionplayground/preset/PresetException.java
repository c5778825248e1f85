package org.diffusionplayground.preset;

import java.io.IOException;
import java.util.List;

/**
 * A preset could not be read, validated, resolved or written. The message is meant for the user: it
 * names the file and, for a bad value, the field ({@code sampler.particles}) and what is allowed.
 */
public class PresetException extends IOException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public PresetException(String message) {
        this(message, List.of(message), null);
    }

    public PresetException(String message, Throwable cause) {
        this(message, List.of(message), cause);
    }

    private PresetException(String message, List<String> problems, Throwable cause) {
        super(message, cause);
        this.problems = List.copyOf(problems);
    }

    /** One exception for several problems of one file, each on its own line. */
    static PresetException of(String file, List<String> problems) {
        String head = problems.size() == 1 ? file + ": " + problems.get(0)
                : file + ": " + problems.size() + " problems:\n  - " + String.join("\n  - ", problems);
        return new PresetException(head, problems, null);
    }

    /** The individual problems ("field: what is wrong"), for lists in dialogs and tests. */
    public List<String> problems() {
        return problems;
    }
}
