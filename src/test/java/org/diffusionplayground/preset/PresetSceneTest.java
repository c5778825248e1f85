package org.diffusionplayground.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.diffusionplayground.export.SceneFrames;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.DataSource;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.render.FrameRenderer;
import org.diffusionplayground.render.RasterCanvas;
import org.diffusionplayground.render.SceneFrame;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.scene.SamplerSettings;
import org.diffusionplayground.scene.SceneOverlays;
import org.diffusionplayground.scene.SceneState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped lecture presets: each loads, renders, and survives preset → scene → preset unchanged. */
class PresetSceneTest {

    static Stream<Path> shipped() throws Exception {
        Path folder = Path.of("presets");
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertEquals(9, list.size(), "the nine lecture presets are shipped");
            return list.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void presetToSceneToPresetIsIdentical(Path file) throws Exception {
        Preset p = PresetIO.read(file);
        PresetScene.Loaded loaded = PresetScene.load(p, PresetContext.of(file));
        Preset back = PresetScene.capture(p, loaded.state(), p.model(), p.split().model());
        ObjectMapper m = new ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode expected = m.readTree(Files.readString(file));
        com.fasterxml.jackson.databind.JsonNode actual = m.readTree(PresetIO.toJson(back));
        expected.fieldNames().forEachRemaining(f -> assertEquals(expected.get(f), actual.get(f), "section " + f));
        assertEquals(expected.size(), actual.size());
        assertTrue(Files.readString(file).equals(PresetIO.toJson(back)), "the file is in its canonical form");
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void everyShippedPresetLoadsItsModelAndRendersAFrame(Path file) throws Exception {
        PresetScene.Loaded loaded = PresetScene.load(file);
        Preset p = loaded.preset();
        SceneState s = loaded.state();
        assertNotNull(loaded.checkpoint(), "each lecture preset comes with its pretrained checkpoint");
        assertTrue(s.score() instanceof NetworkScore);
        assertEquals(p.schedule().kind(), loaded.checkpoint().schedule().kind());
        // a small, fast frame: the preset's scene with fewer particles and steps
        SamplerSettings few = new SamplerSettings(s.sampler().h(), 300, 40, s.sampler().seed(), s.sampler().solver(),
                false);
        s = s.withSampler(few);
        Theme theme = PresetScene.theme(p.view(), 0.4);
        SceneFrame frame = new SceneFrames(s, 480, 270, theme, SceneOverlays.NONE).still(null, Cancellation.NEVER);
        assertEquals(p.split().enabled() ? 2 : 1, frame.panes().size());
        assertEquals(300, frame.panes().get(0).particleCount());
        RasterCanvas c = new FrameRenderer(480, 270).render(frame, theme, false);
        int particleRgb = theme.particles().getRGB() & 0xFFFFFF;
        long near = java.util.Arrays.stream(c.pixels()).filter(px -> close(px & 0xFFFFFF, particleRgb)).count();
        assertTrue(near > 20, file.getFileName() + ": particles are visible in the frame (" + near + " pixels)");
    }

    private static boolean close(int a, int b) {
        return Math.abs(((a >> 16) & 255) - ((b >> 16) & 255)) + Math.abs(((a >> 8) & 255) - ((b >> 8) & 255))
                + Math.abs((a & 255) - (b & 255)) < 60;
    }

    @Test
    void drawnPointsTravelInlineAndComeBackExactly() throws Exception {
        Path file = Path.of("presets/draw-your-own-data.json");
        PresetScene.Loaded loaded = PresetScene.load(file);
        assertTrue(loaded.state().data().source() instanceof DataSource.Drawn);
        double[][] xy = loaded.preset().data().points().xy();
        assertEquals(xy.length, loaded.state().data().size());
        for (int i = 0; i < xy.length; i++) {
            assertEquals(xy[i][0], loaded.state().data().points().x(i));
            assertEquals(xy[i][1], loaded.state().data().points().y(i));
        }
        // the model was trained on these very points (stored in its safetensors file)
        assertEquals(loaded.state().data().points(), loaded.checkpoint().points());
    }

    @Test
    void labelledDrawnPointsKeepTheirStrokesThroughAPreset() throws Exception {
        PresetScene.Loaded loaded = PresetScene.load(Path.of("presets/draw-your-own-data.json"));
        PointSet points = loaded.state().data().points();
        int[] labels = new int[points.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < labels.length / 3 ? 0 : 1;
        }
        DataSet strokes = DataSet.of(new DataSource.Drawn(points.withLabels(labels, 2)));
        Preset.Data section = PresetScene.data(strokes);
        assertEquals(strokes.points(), PresetScene.data(section).points());
        assertNull(PresetScene.data(loaded.state().data()).points().labels(), "unlabelled points write no labels");
    }

    @Test
    void aCheckpointOfAnotherScheduleIsReported() throws Exception {
        Preset p = PresetIO.parse(("{\"format\": \"diffusion-playground-preset\", \"version\": 1, \"data\": "
                + "{\"builtIn\": {\"kind\": \"SWISS_ROLL\"}}, \"schedule\": {\"kind\": \"COSINE\"}, \"model\": "
                + "{\"checkpoint\": \"asset:swissroll-simple\"}}").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "mismatch.json");
        PresetException e = assertThrows(PresetException.class,
                () -> PresetScene.load(p, new PresetContext(Path.of("presets"), PresetContext.Assets.BUNDLED)));
        assertTrue(e.getMessage().contains("trained for the SIMPLE schedule") && e.getMessage().contains("COSINE"),
                e.getMessage());
        Preset missing = PresetIO.parse(("{\"format\": \"diffusion-playground-preset\", \"version\": 1, \"data\": "
                + "{\"builtIn\": {\"kind\": \"SWISS_ROLL\"}}, \"model\": {\"checkpoint\": \"asset:no-such-model\"}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), "missing.json");
        e = assertThrows(PresetException.class,
                () -> PresetScene.load(missing, new PresetContext(Path.of("presets"), PresetContext.Assets.BUNDLED)));
        assertTrue(e.getMessage().contains("no-such-model"), e.getMessage());
    }
}
