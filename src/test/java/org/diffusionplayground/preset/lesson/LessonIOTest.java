package org.diffusionplayground.preset.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.diffusionplayground.preset.Preset;
import org.diffusionplayground.preset.PresetIO;
import org.diffusionplayground.scene.SceneMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lesson files: the shipped ones read, steps built by changes, and every kind of mistake named in words. */
class LessonIOTest {

    @TempDir
    Path dir;

    private Path lesson(String steps) throws Exception {
        Files.copy(Path.of("presets/ode-versus-sde.json"), dir.resolve("ode.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return Files.writeString(dir.resolve("l.json"), "{\"format\": \"diffusion-playground-lesson\", \"version\": 1,"
                + " \"title\": \"T\", \"steps\": " + steps + "}");
    }

    private String problem(String steps) throws Exception {
        Path f = lesson(steps);
        return assertThrows(LessonException.class, () -> LessonIO.read(f)).getMessage();
    }

    @Test
    void theShippedLessonsReadAndEveryStepIsACompletePreset() throws Exception {
        Path folder = Path.of("presets/lessons");
        try (Stream<Path> files = Files.list(folder)) {
            var all = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertEquals(2, all.size(), all.toString());
            for (Path f : all) {
                Lesson l = LessonIO.read(f);
                assertFalse(l.title().isBlank());
                for (LessonStep s : l.steps()) {
                    assertFalse(s.caption().isBlank(), f + " step " + s.number());
                    assertFalse(s.controls().isEmpty(), f + " step " + s.number());
                    // each step is a preset that writes and reads back unchanged
                    assertEquals(s.preset(), PresetIO.parse(PresetIO.toJson(s.preset()).getBytes(
                            java.nio.charset.StandardCharsets.UTF_8), "again"));
                    assertTrue(Files.isRegularFile(s.presetFile()));
                }
            }
        }
    }

    @Test
    void stepsOfTheOdeSdeLessonChangeOnlyWhatTheySayAndKeepTheModel() throws Exception {
        Lesson l = LessonIO.read(Path.of("presets/lessons/noise-to-data-ode-versus-sde.json"));
        assertEquals("From noise to data: ODE versus SDE", l.title());
        assertEquals(5, l.size());
        LessonStep forward = l.step(0);
        LessonStep ode = l.step(1);
        LessonStep sde = l.step(2);
        assertEquals(SceneMode.FORWARD, forward.preset().animation().mode());
        assertEquals(SceneMode.BACKWARD, ode.preset().animation().mode());
        assertEquals(0.0, ode.preset().sampler().h());
        assertEquals(1.0, sde.preset().sampler().h());
        // a step made of changes is the step before with exactly those changes
        Preset expected = new Preset(ode.preset().format(), ode.preset().version(), ode.preset().title(),
                ode.preset().description(), ode.preset().data(), ode.preset().schedule(), ode.preset().model(),
                ode.preset().training(), new Preset.Sampler(1.0, ode.preset().sampler().particles(),
                        ode.preset().sampler().steps(), ode.preset().sampler().seed(), ode.preset().sampler().solver(),
                        ode.preset().sampler().corrector()), ode.preset().split(), ode.preset().animation(),
                ode.preset().view(), ode.preset().export());
        assertEquals(PresetIO.toJson(expected), PresetIO.toJson(sde.preset()));
        assertTrue(ode.sameModelAs(forward) && sde.sameModelAs(ode) && l.step(3).sameModelAs(sde),
                "the whole lesson runs on one model: no step loads or trains another");
        assertEquals(Set.of(LessonControl.PLAYBACK), forward.controls());
        assertEquals(EnumSet.of(LessonControl.PLAYBACK, LessonControl.H), sde.controls());
        assertEquals("Back to data with the SDE (𝔥 = 1)", sde.title());
    }

    @Test
    void aStepWithoutControlsShowsThemAllAndWithoutTitleTakesThePresets() throws Exception {
        Lesson l = LessonIO.read(lesson("[{\"preset\": \"ode.json\", \"caption\": \"c\"}]"));
        assertEquals(EnumSet.allOf(LessonControl.class), l.step(0).controls());
        assertEquals(PresetIO.read(dir.resolve("ode.json")).title(), l.step(0).title());
        assertEquals(dir.resolve("ode.json").toAbsolutePath().normalize(), l.step(0).presetFile());
    }

    @Test
    void aNullInTheChangesGoesBackToTheDefault() throws Exception {
        Lesson l = LessonIO.read(lesson("[{\"preset\": \"ode.json\", \"caption\": \"c\"},"
                + " {\"changes\": {\"sampler\": {\"particles\": 50}, \"split\": null}, \"caption\": \"d\"}]"));
        assertEquals(50, l.step(1).preset().sampler().particles());
        assertEquals(PresetIO.defaults().split(), l.step(1).preset().split());
        assertTrue(l.step(0).preset().split().enabled());
    }

    @Test
    void badFilesGetMessagesThatNameTheStepAndTheField() throws Exception {
        assertTrue(problem("[{\"preset\": \"ode.json\", \"caption\": \"c\"},"
                + " {\"changes\": {\"sampler\": {\"h\": -1}}, \"caption\": \"d\"}]")
                .matches("(?s)l\\.json: step 2: .*sampler\\.h.*"), "a bad value in the changes");
        String m = problem("[{\"caption\": \"c\"}]");
        assertTrue(m.contains("step 1") && m.contains("needs a \"preset\""), m);
        m = problem("[{\"preset\": \"missing.json\", \"caption\": \"c\"}]");
        assertTrue(m.contains("step 1: preset \"missing.json\"") && m.contains("missing.json"), m);
        m = problem("[{\"preset\": \"ode.json\"}]");
        assertTrue(m.contains("step 1: caption: missing"), m);
        m = problem("[{\"preset\": \"ode.json\", \"caption\": \"c\", \"controls\": [\"h\", \"knobs\"]}]");
        assertTrue(m.contains("\"knobs\" is not one of playback, h, sampler"), m);
        m = problem("[{\"preset\": \"ode.json\", \"caption\": \"c\", \"captoin\": \"c\"}]");
        assertTrue(m.contains("step 1: unknown field \"captoin\""), m);
        m = problem("[{\"preset\": \"ode.json\", \"caption\": \"c\", \"changes\": {\"sampler\": {\"hh\": 1}}}]");
        assertTrue(m.contains("step 1") && m.contains("hh"), m);
        m = problem("[]");
        assertTrue(m.contains("steps: expected a list of at least one step"), m);
        // several mistakes are reported together, one a line
        m = problem("[{\"preset\": \"ode.json\"}, {\"caption\": \"x\", \"controls\": [\"nope\"]}]");
        assertTrue(m.contains("2 problems") && m.contains("step 1: caption") && m.contains("step 2: controls"), m);
    }

    @Test
    void versionsAndFormatsAreChecked() throws Exception {
        Path newer = Files.writeString(dir.resolve("newer.json"),
                "{\"format\": \"diffusion-playground-lesson\", \"version\": 7, \"title\": \"T\", \"steps\": []}");
        String m = assertThrows(LessonException.class, () -> LessonIO.read(newer)).getMessage();
        assertTrue(m.contains("version 7") && m.contains("newer"), m);
        Path preset = Path.of("presets/ode-versus-sde.json");
        m = assertThrows(LessonException.class, () -> LessonIO.read(preset)).getMessage();
        assertTrue(m.contains("not a Diffusion Playground lesson") && m.contains("it is a preset"), m);
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"format\": ");
        m = assertThrows(LessonException.class, () -> LessonIO.read(broken)).getMessage();
        assertTrue(m.startsWith("broken.json: not valid JSON"), m);
        Path twice = Files.writeString(dir.resolve("twice.json"), "{\"format\": \"diffusion-playground-lesson\", "
                + "\"format\": \"x\"}");
        m = assertThrows(LessonException.class, () -> LessonIO.read(twice)).getMessage();
        assertTrue(m.contains("not valid JSON"), m);
    }
}
