package org.diffusionplayground.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.util.AtomicFiles;
import org.diffusionplayground.scene.SamplerSettings;
import org.diffusionplayground.scene.SceneMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading presets: defaults, strictness, clear messages naming fields, migration, writing. */
class PresetIOTest {

    @TempDir
    Path dir;

    static final String HEAD = "{\"format\": \"diffusion-playground-preset\", \"version\": 1, ";

    private static Preset parse(String json) throws PresetException {
        return PresetIO.parse(json.getBytes(StandardCharsets.UTF_8), "test.json");
    }

    private static String rejected(String json) {
        PresetException e = assertThrows(PresetException.class, () -> parse(json));
        assertTrue(e.getMessage().startsWith("test.json"), "the message names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void aMinimalPresetGetsTheWindowsDefaults() throws Exception {
        Preset p = parse(HEAD + "\"data\": {\"builtIn\": {\"kind\": \"SWISS_ROLL\"}}}");
        assertEquals(ToyData.SWISS_ROLL, p.data().builtIn().kind());
        assertEquals(3000, p.data().builtIn().size());
        assertEquals(ScheduleKind.SIMPLE, p.schedule().kind());
        assertEquals(Preset.ModelSource.NONE, p.model().source());
        assertEquals(SamplerSettings.DEFAULT.particles(), p.sampler().particles());
        assertEquals(SceneMode.BACKWARD, p.animation().mode());
        assertEquals(1.0, p.animation().time(), "backward sampling starts at T");
        assertEquals(1920, p.export().image().width());
        assertEquals(20_000L, p.training().steps());
    }

    @Test
    void unknownFieldsAreRejectedNamingTheFieldAndTheKnownOnes() {
        String m = rejected(HEAD + "\"data\": {\"builtIn\": {\"kind\": \"SWISS_ROLL\"}}, \"sampler\": {\"partciles\": 10}}");
        assertTrue(m.contains("unknown field \"sampler.partciles\""), m);
        assertTrue(m.contains("particles"), "lists the known fields: " + m);
    }

    @Test
    void wrongTypesAreRejectedNamingTheField() {
        String data = "\"data\": {\"builtIn\": {\"kind\": \"SWISS_ROLL\"}}, ";
        String m = rejected(HEAD + data + "\"sampler\": {\"particles\": \"many\"}}");
        assertTrue(m.contains("sampler.particles") && m.contains("whole number") && m.contains("string"), m);
        m = rejected(HEAD + data + "\"sampler\": {\"particles\": 12.5}}");
        assertTrue(m.contains("sampler.particles") && m.contains("whole number"), m);
        m = rejected(HEAD + data + "\"sampler\": {\"h\": true}}");
        assertTrue(m.contains("sampler.h") && m.contains("a number"), m);
        m = rejected(HEAD + "\"data\": {\"builtIn\": {\"kind\": \"SWIRL\"}}}");
        assertTrue(m.contains("data.builtIn.kind") && m.contains("SWIRL") && m.contains("SWISS_ROLL"), m);
        m = rejected(HEAD + data + "\"view\": {\"showAxes\": \"yes\"}}");
        assertTrue(m.contains("view.showAxes") && m.contains("true or false"), m);
        m = rejected(HEAD + "\"data\": {\"points\": {\"xy\": [[0, 1], [2, \"x\"]]}}}");
        assertTrue(m.contains("data.points.xy[1][1]"), m);
        m = rejected(HEAD + "\"data\": {\"points\": {\"xy\": [[0, 1], [2, 3, 4]]}}}");
        assertTrue(m.contains("data.points.xy[1]") && m.contains("pair"), m);
        m = rejected(HEAD + data + "\"view\": {\"colours\": {\"particles\": \"blue\"}}}");
        assertTrue(m.contains("view.colours.particles") && m.contains("#RRGGBB"), m);
    }

    @Test
    void hugeNumbersAreRejectedWithTheAllowedRange() {
        String data = "\"data\": {\"builtIn\": {\"kind\": \"SWISS_ROLL\"}}, ";
        String m = rejected(HEAD + data + "\"sampler\": {\"particles\": 99999999999999999999}}");
        assertTrue(m.contains("sampler.particles"), m);
        m = rejected(HEAD + data + "\"sampler\": {\"particles\": 1000000}}");
        assertTrue(m.contains("sampler.particles") && m.contains("between 1 and 20000"), m);
        m = rejected(HEAD + data + "\"sampler\": {\"h\": 1e400}}");
        assertTrue(m.contains("sampler.h") && m.contains("non-finite"), m);
        m = rejected(HEAD + "\"data\": {\"builtIn\": {\"kind\": \"SWISS_ROLL\", \"size\": 2000000000}}}");
        assertTrue(m.contains("data.builtIn.size") && m.contains("1000000"), m);
        m = rejected(HEAD + data + "\"export\": {\"video\": {\"seconds\": 1e9}}}");
        assertTrue(m.contains("export.video") && m.contains("duration"), m);
        m = rejected(HEAD + data + "\"animation\": {\"time\": 5}}");
        assertTrue(m.contains("animation.time") && m.contains("between 0.01 and 1"), m);
        m = rejected(HEAD + data + "\"training\": {\"learningRate\": -1}}");
        assertTrue(m.contains("training") && m.contains("learning rate"), m);
    }

    @Test
    void truncatedAndMalformedFilesAreRejectedWithTheLine() throws Exception {
        String full = PresetIO.toJson(parse(HEAD + "\"data\": {\"builtIn\": {\"kind\": \"SWISS_ROLL\"}}}"));
        String m = rejected(full.substring(0, full.length() / 2));
        assertTrue(m.contains("ends early") && m.contains("truncated"), m);
        m = rejected("{\"format\": \"diffusion-playground-preset\",, }");
        assertTrue(m.contains("not valid JSON at line 1"), m);
        m = rejected(HEAD + "\"title\": \"a\", \"title\": \"b\", \"data\": {\"builtIn\": {\"kind\": \"RINGS\"}}}");
        assertTrue(m.contains("title") && m.contains("uplicate"), m);
        m = rejected("[1, 2]");
        assertTrue(m.contains("not a Diffusion Playground preset"), m);
        m = rejected("{\"format\": \"diffusion-playground-model\", \"formatVersion\": 1}");
        assertTrue(m.contains("not a Diffusion Playground preset"), m);
        m = rejected("");
        assertTrue(m.contains("empty"), m);
        m = rejected(HEAD.replace("\"version\": 1", "\"version\": 7") + "\"data\": {}}");
        assertTrue(m.contains("newer"), m);
    }

    @Test
    void checkpointReferencesThatLeaveTheirFolderAreRejected() {
        String data = "\"data\": {\"builtIn\": {\"kind\": \"SWISS_ROLL\"}}, ";
        for (String ref : new String[] {"../../etc/passwd", "/etc/passwd", "models/../../x", "asset:../x",
            "asset:a/b", "C:\\\\models\\\\x", "..", "./x", "x\\\\..\\\\..\\\\y", "file:/etc/passwd", ".hidden"}) {
            String m = rejected(HEAD + data + "\"model\": {\"source\": \"CHECKPOINT\", \"checkpoint\": \"" + ref
                    + "\"}}");
            assertTrue(m.contains("model.checkpoint"), ref + ": " + m);
        }
        String m = rejected(HEAD + data + "\"model\": {\"source\": \"CHECKPOINT\"}}");
        assertTrue(m.contains("model.checkpoint: missing"), m);
    }

    @Test
    void aLinkInsideThePresetFolderThatLeadsOutIsRefused() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.json"), "{}");
        Path presets = Files.createDirectories(dir.resolve("presets"));
        Files.createSymbolicLink(presets.resolve("m.json"), outside.resolve("secret.json"));
        PresetException e = assertThrows(PresetException.class,
                () -> CheckpointReference.resolve("m", presets, PresetContext.Assets.in(dir.resolve("assets"))));
        assertTrue(e.getMessage().contains("link"), e.getMessage());
        assertEquals(presets.resolve("sub/m").toAbsolutePath(), CheckpointReference.resolve("sub/m", presets,
                PresetContext.Assets.in(dir)));
        assertEquals(dir.resolve("assets/swissroll-simple"),
                CheckpointReference.resolve("asset:swissroll-simple", presets, PresetContext.Assets.in(dir.resolve("assets"))));
    }

    @Test
    void aVersion0PresetMigratesToTheSameSceneAsItsVersion1Form() throws Exception {
        String v0 = "{\"version\": 0, \"name\": \"Old lecture\", \"dataset\": \"25gaussians\", \"points\": 2000, "
                + "\"schedule\": \"COSINE\", \"checkpoint\": \"asset:25gaussians-cosine\", \"hbar\": 0.5, "
                + "\"particles\": 1500, \"seed\": 4, \"mode\": \"forward\", \"time\": 0.3, \"theme\": \"dark\"}";
        String v1 = HEAD + "\"title\": \"Old lecture\", \"data\": {\"builtIn\": {\"kind\": \"GAUSSIANS_25\", "
                + "\"size\": 2000}}, \"schedule\": {\"kind\": \"COSINE\"}, \"model\": {\"source\": \"CHECKPOINT\", "
                + "\"checkpoint\": \"asset:25gaussians-cosine\"}, \"sampler\": {\"h\": 0.5, \"particles\": 1500, "
                + "\"seed\": 4}, \"animation\": {\"mode\": \"FORWARD\", \"time\": 0.3}, \"view\": {\"theme\": \"DARK\"}}";
        assertEquals(PresetIO.toJson(parse(v1)), PresetIO.toJson(parse(v0)));
        // without a version field, a flat file is version 0 too
        assertEquals(PresetIO.toJson(parse(v1)), PresetIO.toJson(parse(v0.replace("\"version\": 0, ", ""))));
        String m = rejected("{\"version\": 0, \"dataset\": \"swissroll\", \"colour\": \"red\"}");
        assertTrue(m.contains("colour") && m.contains("version-0"), m);
        m = rejected("{\"version\": 0, \"dataset\": \"galaxy\"}");
        assertTrue(m.contains("galaxy") && m.contains("swissroll"), m);
    }

    @Test
    void writingThenReadingGivesTheSamePresetAndInvalidPresetsAreNotWritten() throws Exception {
        Preset p = parse(HEAD + "\"title\": \"Drawn\", \"data\": {\"points\": {\"xy\": [[0.5, -1], [1e-7, 3.25], "
                + "[-2, 0]]}}, \"view\": {\"panels\": [\"likelihood\"], \"colours\": {\"particles\": \"#D55E00\"}}}");
        Path file = dir.resolve("drawn.json");
        PresetIO.write(file, p, AtomicFiles.Existing.REFUSE);
        Preset back = PresetIO.read(file);
        ObjectMapper m = new ObjectMapper();
        assertEquals(m.readTree(PresetIO.toJson(p)), m.readTree(PresetIO.toJson(back)));
        assertEquals(PresetIO.toJson(p), Files.readString(file));
        assertThrows(AtomicFiles.ExistsException.class, () -> PresetIO.write(file, p, AtomicFiles.Existing.REFUSE));
        Preset bad = new Preset(p.format(), p.version(), p.title(), p.description(), p.data(), p.schedule(), p.model(),
                p.training(), new Preset.Sampler(-1.0, 10, 10, 1L, null, false), p.split(), p.animation(), p.view(),
                p.export());
        Path other = dir.resolve("bad.json");
        PresetException e = assertThrows(PresetException.class, () -> PresetIO.write(other, bad,
                AtomicFiles.Existing.REFUSE));
        assertTrue(e.getMessage().contains("sampler.h"), e.getMessage());
        assertTrue(Files.notExists(other));
    }
}
