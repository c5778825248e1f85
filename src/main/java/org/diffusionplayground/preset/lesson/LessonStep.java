package org.diffusionplayground.preset.lesson;

import java.nio.file.Path;
import java.util.Set;
import org.diffusionplayground.preset.Preset;

/**
 * One step of a lesson, resolved: the complete, checked preset it shows, where its models are found
 * ({@code presetFile}: the preset file it starts from, whose folder holds checkpoints saved beside it),
 * what the audience reads, and the controls students see.
 *
 * @param number   1-based position in the lesson
 * @param title    the step's heading (the preset's title when the file gives none)
 * @param caption  what the step shows, in a sentence or two
 * @param controls the controls shown during the step (all of them when the file names none)
 */
public record LessonStep(int number, String title, String caption, Set<LessonControl> controls, Preset preset,
        Path presetFile) {

    public LessonStep {
        controls = Set.copyOf(controls);
    }

    /** True when this step uses the same model as {@code previous}, so showing it needs no model loaded. */
    public boolean sameModelAs(LessonStep previous) {
        return previous != null && preset.model().equals(previous.preset.model())
                && preset.schedule().equals(previous.preset.schedule());
    }
}
