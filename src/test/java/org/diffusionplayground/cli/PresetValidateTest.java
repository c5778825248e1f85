package org.diffusionplayground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code playground preset validate}: every file is checked and reported, whatever the earlier ones held. */
class PresetValidateTest {

    @TempDir
    Path dir;

    @Test
    void everyFileIsCheckedAndEachLimitIsNamedInWords() throws Exception {
        Path deep = Files.writeString(dir.resolve("deep.json"), "[".repeat(5000) + "]".repeat(5000));
        Path longNumber = Files.writeString(dir.resolve("number.json"),
                "{\"format\": \"diffusion-playground-preset\", \"version\": " + "7".repeat(5000) + "}");
        Path longText = Files.writeString(dir.resolve("text.json"),
                "{\"format\": \"diffusion-playground-preset\", \"title\": \"" + "t".repeat(200_000) + "\"}");
        Path controls = Files.writeString(dir.resolve("controls.json"),
                "{\"format\": \"diffusion-playground-preset\", \"version\": 1, \"data\": {\"builtIn\": {\"kind\": "
                        + "\"swiss\\u001b[2J\"}}}");
        Path nan = Files.writeString(dir.resolve("nan.json"),
                "{\"format\": \"diffusion-playground-preset\", \"version\": 1, \"sampler\": {\"h\": NaN}}");
        Path good = Path.of("presets/ode-versus-sde.json");
        CliRun r = CliRun.of("preset", "validate", deep.toString(), longNumber.toString(), longText.toString(),
                controls.toString(), nan.toString(), good.toString());
        assertEquals(PlaygroundCli.EXIT_FAILED, r.code());
        assertTrue(r.out().contains("ok ") && r.out().contains("ode-versus-sde.json"), "the last file is checked: "
                + r.out() + r.err());
        String[] lines = r.err().lines().filter(l -> l.startsWith("invalid")).toArray(String[]::new);
        assertEquals(5, lines.length, r.err());
        assertTrue(lines[0].contains("deep.json") && lines[0].contains("nested more than"), lines[0]);
        assertTrue(lines[1].contains("number.json") && lines[1].contains("digits"), lines[1]);
        assertTrue(lines[2].contains("text.json") && lines[2].contains("text value longer than"), lines[2]);
        assertTrue(lines[3].contains("swiss\\u001B[2J"), "control characters are shown escaped: " + lines[3]);
        assertTrue(lines[4].contains("NaN and Infinity are not numbers"), lines[4]);
        assertFalse(r.err().contains("Feature") || r.err().contains("Exception") || r.err().contains("`"), r.err());
        assertTrue(r.err().length() < 4000, "no value is echoed whole");
    }
}
