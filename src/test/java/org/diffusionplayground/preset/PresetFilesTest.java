package org.diffusionplayground.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Scene and lesson file names: the app's own extension, the JSON one, and what a save is called. */
class PresetFilesTest {

    @Test
    void bothExtensionsNameASceneOrLessonWhateverTheirCase() {
        assertTrue(PresetFiles.isSceneOrLesson(Path.of("a/lecture.dplay")));
        assertTrue(PresetFiles.isSceneOrLesson(Path.of("LECTURE.DPLAY")));
        assertTrue(PresetFiles.isSceneOrLesson(Path.of("presets/ode-versus-sde.json")));
        assertFalse(PresetFiles.isSceneOrLesson(Path.of("points.csv")));
        assertFalse(PresetFiles.isSceneOrLesson(Path.of("dplay")));
    }

    @Test
    void aSaveKeepsATypedExtensionAndOtherwiseGetsTheAppsOwn() {
        assertEquals(Path.of("d/scene.dplay"), PresetFiles.forSaving(Path.of("d/scene")));
        assertEquals(Path.of("d/scene.json"), PresetFiles.forSaving(Path.of("d/scene.json")));
        assertEquals(Path.of("d/v1.2.dplay"), PresetFiles.forSaving(Path.of("d/v1.2")));
        assertEquals(Path.of("d/Scene.DPLAY"), PresetFiles.forSaving(Path.of("d/Scene.DPLAY")));
    }

    @Test
    void theStemDropsOnlyASceneExtension() {
        assertEquals("ode-versus-sde", PresetFiles.stem(Path.of("presets/ode-versus-sde.json")));
        assertEquals("lecture 3", PresetFiles.stem(Path.of("lecture 3.dplay")));
        assertEquals("points.csv", PresetFiles.stem(Path.of("points.csv")));
        assertEquals(".dplay", PresetFiles.stem(Path.of(".dplay")));
    }
}
