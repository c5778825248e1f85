package org.diffusionplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The file the app is started with, as a file manager passes it, among the command line's options. */
class StartOptionsTest {

    @Test
    void aPlainArgumentIsTheFileToOpen() {
        assertEquals("/home/ann/lecture 3.dplay", StartOptions.file(List.of("/home/ann/lecture 3.dplay")));
        assertEquals("points.csv", StartOptions.file(List.of("--dark", "points.csv", "other.dplay")));
    }

    @Test
    void optionsAndTheLessonOfLessonAreNotIt() {
        assertNull(StartOptions.file(List.of("--dark", "--lecture")));
        assertNull(StartOptions.file(List.of("--lesson", "presets/lessons/what-h-does.json")));
        assertEquals("scene.dplay", StartOptions.file(List.of("--lesson", "l.json", "--dark", "scene.dplay")));
    }
}
