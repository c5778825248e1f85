package org.diffusionplayground.preset.lesson;

import java.util.Locale;

/**
 * A control a lesson step can show to students; the others are hidden while the step is on screen (as a
 * classroom mode hides what is not the point of the step). Names in lesson files are the lower-case ones.
 */
public enum LessonControl {
    /** Play, pause, step and the time scrubber. */
    PLAYBACK,
    /** The 𝔥 slider (0 = probability-flow ODE, 1 = reverse SDE). */
    H,
    /** Particles, steps, seed, solver. */
    SAMPLER,
    /** The data set and drawing data. */
    DATA,
    /** Training a model. */
    TRAINING,
    /** Overlays: trails, the score field, the data. */
    OVERLAYS,
    /** The likelihood panel. */
    LIKELIHOOD,
    /** The lenses (current, entropy, Langevin, speciation). */
    LENSES;

    /** The name used in lesson files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The control of a lesson-file name, or null. */
    public static LessonControl of(String id) {
        for (LessonControl c : values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }
}
