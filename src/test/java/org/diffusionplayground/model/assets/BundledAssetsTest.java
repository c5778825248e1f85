package org.diffusionplayground.model.assets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledAssetsTest {

    @TempDir
    Path dir;

    @Test
    void anOverrideDirectoryIsUsedAndNothingElse() throws Exception {
        Files.createDirectories(dir.resolve("checkpoints"));
        Files.writeString(dir.resolve("checkpoints/a.json"), "{}");
        assertEquals(dir.resolve("checkpoints/a.json"), BundledAssets.locate("checkpoints/a.json", dir.toString(), null));
        // the environment variable is the second choice, the property wins over it
        assertEquals(dir.resolve("checkpoints/a.json"), BundledAssets.locate("checkpoints/a.json", null, dir.toString()));
        // a file the override lacks is an error naming the directory, even though the project has one
        AssetNotFoundException e = assertThrows(AssetNotFoundException.class,
                () -> BundledAssets.locate("checkpoints/swissroll-simple.json", dir.toString(), null));
        assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("-Dplayground.assets"), e.getMessage());
    }

    @Test
    void anOverrideThatIsNoDirectoryIsReported() {
        AssetNotFoundException e = assertThrows(AssetNotFoundException.class,
                () -> BundledAssets.locate("x.json", dir.resolve("missing").toString(), null));
        assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
    }

    @Test
    void withoutAnOverrideTheProjectsAssetsAreFoundWhateverTheWorkingDirectory() throws Exception {
        Path p = BundledAssets.locate("checkpoints/swissroll-simple.safetensors", null, null);
        assertTrue(Files.isRegularFile(p), p.toString());
        assertTrue(Files.size(p) > 100_000, "a trained 3×128 network is ~150 KB");
    }

    @Test
    void theCheckpointsDirectoryIsFoundTheSameWay() throws Exception {
        Path checkpoints = BundledAssets.locateDirectory("checkpoints");
        assertTrue(Files.isRegularFile(checkpoints.resolve("swissroll-simple.json")), checkpoints.toString());
        assertEquals(checkpoints.resolve("swissroll-simple.json"),
                BundledAssets.locate("checkpoints/swissroll-simple.json"));
        assertThrows(AssetNotFoundException.class, () -> BundledAssets.locateDirectory("no-such-folder"));
    }

    @Test
    void aMissingAssetNamesEveryPlaceSearched() {
        AssetNotFoundException e = assertThrows(AssetNotFoundException.class,
                () -> BundledAssets.locate("checkpoints/no-such-model.json", null, null));
        assertTrue(e.getMessage().contains("class path /assets/"), e.getMessage());
        assertTrue(e.getMessage().contains("no-such-model.json"), e.getMessage());
    }

    @Test
    void pathsOutsideTheAssetsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> BundledAssets.locate("../pom.xml", null, null));
        assertThrows(IllegalArgumentException.class, () -> BundledAssets.locate("/etc/passwd", null, null));
    }
}
