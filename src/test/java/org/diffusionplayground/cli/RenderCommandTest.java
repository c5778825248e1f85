package org.diffusionplayground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code playground render} and {@code playground preset validate}, run in-process. */
class RenderCommandTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** A small, quick copy of a shipped preset: the 25 gaussians with few particles and steps. */
    private Path smallPreset() throws Exception {
        String text = Files.readString(Path.of("presets/noise-helps-h-sweep.json"))
                .replace("\"particles\" : 4000", "\"particles\" : 300").replace("\"steps\" : 300", "\"steps\" : 40");
        Path p = dir.resolve("small.json");
        Files.writeString(p, text);
        return p;
    }

    /**
     * A preset that switches the density heatmap on gets it in a render (solved by the command): the same
     * scene, same seed, differs from the plain render where the heatmap lies (18 % of this picture; the
     * renders are otherwise identical).
     */
    @Test
    void renderDrawsTheDensityHeatmapThePresetSwitchesOn() throws Exception {
        Path plain = smallPreset();
        Path withDensity = dir.resolve("density.json");
        String text = Files.readString(plain);
        assertTrue(text.contains("\"overlays\" : [ ]"), "the shipped preset has no overlays");
        Files.writeString(withDensity, text.replace("\"overlays\" : [ ]", "\"overlays\" : [ \"density\" ]"));
        BufferedImage[] img = new BufferedImage[2];
        Path[] presets = {plain, withDensity};
        for (int k = 0; k < 2; k++) {
            Path png = dir.resolve("render" + k + ".png");
            CliRun r = run("render", "--preset", presets[k].toString(), "--out", png.toString(), "--width", "320",
                    "--height", "180", "--quiet");
            assertEquals(0, r.code(), r.err());
            img[k] = ImageIO.read(png.toFile());
        }
        int changed = 0;
        for (int y = 0; y < 180; y++) {
            for (int x = 0; x < 320; x++) {
                int p = img[0].getRGB(x, y);
                int q = img[1].getRGB(x, y);
                int d = 0;
                for (int shift = 0; shift <= 16; shift += 8) {
                    d = Math.max(d, Math.abs((p >> shift & 0xFF) - (q >> shift & 0xFF)));
                }
                if (d > 40) {
                    changed++;
                }
            }
        }
        assertTrue(changed > 0.05 * 320 * 180, "pixels changed by the heatmap: " + changed + " of " + 320 * 180);
    }

    @Test
    void renderWritesAPictureOfThePresetAndRefusesToReplaceItWithoutForce() throws Exception {
        Path preset = smallPreset();
        Path png = dir.resolve("still.png");
        CliRun r = run("render", "--preset", preset.toString(), "--out", png.toString(), "--width", "320", "--height",
                "180", "--quiet");
        assertEquals(0, r.code(), r.err());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(320, img.getWidth());
        assertEquals(180, img.getHeight());
        long before = Files.getLastModifiedTime(png).toMillis();
        r = run("render", "--preset", preset.toString(), "--out", png.toString(), "--quiet");
        assertEquals(PlaygroundCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("exists; pass --force"), r.err());
        assertEquals(before, Files.getLastModifiedTime(png).toMillis());
        r = run("render", "--preset", preset.toString(), "--out", png.toString(), "--width", "200", "--height", "100",
                "--force", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertEquals(200, ImageIO.read(png.toFile()).getWidth());
        for (String vector : new String[] {"still.svg", "still.pdf"}) {
            r = run("render", "--preset", preset.toString(), "--out", dir.resolve(vector).toString(), "--width", "320",
                    "--height", "180", "--quiet");
            assertEquals(0, r.code(), r.err());
        }
        String svg = Files.readString(dir.resolve("still.svg"));
        assertFalse(svg.contains("<image"), "no raster in the vector scene");
        assertTrue(svg.split("<ellipse|<circle|<path").length > 300, "every particle is a shape");
        assertTrue(Files.readString(dir.resolve("still.pdf"), java.nio.charset.StandardCharsets.ISO_8859_1)
                .startsWith("%PDF"));
    }

    @Test
    void renderWritesAVideoWithTheFramesAskedFor() throws Exception {
        Path gif = dir.resolve("sweep.gif");
        CliRun r = run("render", "--preset", smallPreset().toString(), "--out", gif.toString(), "--width", "96",
                "--height", "54", "--fps", "10", "--seconds", "0.6", "--video", "sweep", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("6 frames of 96×54"), r.err());
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertEquals(6, reader.getNumImages(true));
            assertEquals(96, reader.getWidth(0));
        }
    }

    @Test
    void anUnwritableOutputOrABadRequestGivesAClearMessageAndNoFile() throws Exception {
        Path preset = smallPreset();
        Path plain = dir.resolve("plain");
        Files.writeString(plain, "x");
        CliRun r = run("render", "--preset", preset.toString(), "--out", plain.resolve("x.png").toString(), "--quiet");
        assertEquals(PlaygroundCli.EXIT_FAILED, r.code());
        assertTrue(r.err().contains("is not a folder"), r.err());
        r = run("render", "--preset", preset.toString(), "--out", dir.resolve("x.bmp").toString());
        assertEquals(PlaygroundCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains(".png, .svg, .pdf, .mp4 or .gif"), r.err());
        r = run("render", "--preset", preset.toString(), "--out", dir.resolve("v.mp4").toString(), "--width", "641");
        assertEquals(PlaygroundCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("even"), r.err());
        r = run("render", "--preset", preset.toString(), "--out", dir.resolve("t.png").toString(), "--time", "3");
        assertEquals(PlaygroundCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("--time must be in"), r.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "only the preset and the plain file: " + dir);
        }
    }

    @Test
    void presetValidateReportsEachFileAndExitsWithFailureIfAnyIsBad() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\": \"diffusion-playground-preset\", \"version\": 1, \"data\": {\"builtIn\": "
                + "{\"kind\": \"SWISS_ROLL\"}}, \"model\": {\"checkpoint\": \"../../etc/passwd\"}, \"sampler\": "
                + "{\"particles\": -5}}");
        CliRun r = run("preset", "validate", "presets/ode-versus-sde.json", bad.toString());
        assertEquals(PlaygroundCli.EXIT_FAILED, r.code());
        assertTrue(r.out().contains("ok       presets/ode-versus-sde.json"), r.out());
        assertTrue(r.err().contains("bad.json: 2 problems") && r.err().contains("sampler.particles")
                && r.err().contains("model.checkpoint"), r.err());
        r = run("preset", "validate", "presets/ode-versus-sde.json");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void presetNormalizeUpgradesAnOldPreset() throws Exception {
        Path old = dir.resolve("old.json");
        Files.writeString(old, "{\"name\": \"Old\", \"dataset\": \"moons\", \"hbar\": 2, \"particles\": 100}");
        Path out = dir.resolve("new.json");
        CliRun r = run("preset", "normalize", old.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(out);
        assertTrue(text.contains("\"version\" : 1") && text.contains("\"TWO_MOONS\"") && text.contains("\"h\" : 2.0"),
                text);
    }

    /** A two-step lesson on the small preset: the preset, then 𝔥 = 1. */
    private Path smallLesson() throws Exception {
        Path preset = smallPreset();
        return Files.writeString(dir.resolve("lesson.json"), "{\"format\": \"diffusion-playground-lesson\", "
                + "\"version\": 1, \"title\": \"Small\", \"steps\": [{\"preset\": \"" + preset.getFileName()
                + "\", \"caption\": \"The ODE, 𝔥 = 0.\"}, {\"changes\": {\"sampler\": {\"h\": 1.0}}, "
                + "\"caption\": \"The SDE.\"}]}");
    }

    @Test
    void aLessonRendersToAHandoutWithAPagePerStep() throws Exception {
        Path pdf = dir.resolve("handout.pdf");
        CliRun r = run("render", "--lesson", smallLesson().toString(), "--out", pdf.toString(), "--width", "320",
                "--height", "180", "--quiet");
        assertEquals(0, r.code(), r.err());
        String text = new String(Files.readAllBytes(pdf), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(2, java.util.regex.Pattern.compile("/Type /Page\\b(?!s)").matcher(text).results().count(),
                "one page per step");
        assertTrue(r.err().contains("2 steps"), r.err());
    }

    @Test
    void aLessonRendersToOneVideoOfAllItsSteps() throws Exception {
        Path mp4 = dir.resolve("lesson.mp4");
        CliRun r = run("render", "--lesson", smallLesson().toString(), "--out", mp4.toString(), "--width", "160",
                "--height", "96", "--fps", "10", "--seconds", "0.5", "--quiet");
        assertEquals(0, r.code(), r.err());
        int frames = 0;
        try (var ch = org.jcodec.common.io.NIOUtils.readableChannel(mp4.toFile())) {
            var grab = org.jcodec.api.FrameGrab.createFrameGrab(ch);
            while (grab.getNativeFrame() != null) {
                frames++;
            }
        }
        assertEquals(10, frames, "two steps of 5 frames each");
    }

    @Test
    void aLessonNeedsAHandoutOrAVideoAndNotAPresetBesideIt() throws Exception {
        Path lesson = smallLesson();
        CliRun png = run("render", "--lesson", lesson.toString(), "--out", dir.resolve("x.png").toString());
        assertEquals(2, png.code());
        assertTrue(png.err().contains("a lesson renders to .pdf"), png.err());
        CliRun both = run("render", "--lesson", lesson.toString(), "--preset", smallPreset().toString(), "--out",
                dir.resolve("x.pdf").toString());
        assertEquals(2, both.code());
        assertTrue(both.err().contains("either --preset FILE or --lesson FILE"), both.err());
    }
}
