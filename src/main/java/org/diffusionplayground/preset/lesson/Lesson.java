package org.diffusionplayground.preset.lesson;

import java.nio.file.Path;
import java.util.List;

/**
 * A lesson: an ordered list of steps, each a preset (or changes to the previous step) with a caption and
 * the controls students see. Read and checked by {@link LessonIO}; every step is a complete, valid preset.
 *
 * @param file the lesson file it was read from
 */
public record Lesson(String title, String description, List<LessonStep> steps, Path file) {

    /** The {@code format} every lesson file names. */
    public static final String FORMAT = "diffusion-playground-lesson";
    /** The version of the lesson format this app writes and reads. */
    public static final int VERSION = 1;
    /** A lecture's worth: more steps than this is a mistake in the file. */
    public static final int MAX_STEPS = 100;

    public Lesson {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a lesson has at least one step");
        }
    }

    public LessonStep step(int index) {
        return steps.get(index);
    }

    public int size() {
        return steps.size();
    }
}
