package org.diffusionplayground.scene.lens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.diffusionplayground.preset.Preset;
import org.diffusionplayground.preset.PresetIO;
import org.diffusionplayground.preset.PresetScene;
import org.junit.jupiter.api.Test;

/**
 * Every lens has a lecture preset (presets/lenses/lens-*.json) that reads, loads, names only real lenses,
 * is in its canonical form and survives preset → scene → preset, like the other shipped presets.
 */
class LensPresetsTest {

    private static List<Path> lensPresets() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("presets", "lenses"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("lens-")).sorted().toList();
        }
    }

    @Test
    void everyLensHasAPresetThatLoads() throws Exception {
        Set<Lens> covered = EnumSet.noneOf(Lens.class);
        for (Path file : lensPresets()) {
            PresetScene.Loaded loaded = PresetScene.load(file);
            Preset p = loaded.preset();
            assertFalse(p.description().isBlank(), file + " explains itself");
            assertTrue(p.view().panels().contains("lenses"), file + " opens the lens panel");
            for (String id : p.view().overlays()) {
                Lens lens = Lens.byId(id).orElseThrow(() -> new AssertionError(file + ": unknown lens " + id));
                covered.add(lens);
                assertEquals("lens-" + lens.id() + ".json", file.getFileName().toString());
            }
            assertTrue(loaded.state().score() != null, file + " has a model");
            Preset back = PresetScene.capture(p, loaded.state(), p.model(), p.split().model());
            assertEquals(Files.readString(file), PresetIO.toJson(back), file + ": canonical, and round trips");
        }
        assertEquals(EnumSet.allOf(Lens.class), covered, "a preset per lens");
    }
}
