package org.diffusionplayground.model.util;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.diffusionplayground.model.checkpoint.CheckpointException;
import org.diffusionplayground.model.checkpoint.CheckpointIO;
import org.diffusionplayground.model.checkpoint.TestModels;
import org.diffusionplayground.model.data.CsvPoints;
import org.diffusionplayground.model.data.InvalidDataException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FIFO blocks whoever opens it for reading until a writer comes: every loader must refuse it (and any
 * other non-regular file) before opening it. The timeout only turns a hang into a failure.
 */
@Timeout(60)
class NonRegularInputTest {

    @TempDir
    Path dir;

    private Path fifo(String name) throws IOException, InterruptedException {
        Path p = dir.resolve(name);
        Process mk;
        try {
            mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        } catch (IOException e) {
            Assumptions.abort("no mkfifo on this system");
            throw e;
        }
        Assumptions.assumeTrue(mk.waitFor() == 0 && Files.exists(p), "mkfifo failed");
        return p;
    }

    @Test
    void aFifoAsAModelCardOrWeightsFailsWithAMessage() throws Exception {
        fifo("card.json");
        CheckpointException card = assertThrows(CheckpointException.class, () -> CheckpointIO.load(dir.resolve("card")));
        assertTrue(card.getMessage().contains("pipe"), card.getMessage());

        Path base = dir.resolve("model");
        CheckpointIO.save(base, TestModels.model(1));
        Files.delete(CheckpointIO.weightsFile(base));
        fifo("model.safetensors");
        CheckpointException weights = assertThrows(CheckpointException.class, () -> CheckpointIO.load(base));
        assertTrue(weights.getMessage().contains("not a weights file"), weights.getMessage());
    }

    @Test
    void aFifoAsCsvDataFailsWithAMessage() throws Exception {
        Path f = fifo("points.csv");
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> CsvPoints.read(f));
        assertTrue(e.getMessage().contains("pipe"), e.getMessage());
    }

    @Test
    void aFolderIsNotReadAsAFile() {
        InputFiles.LimitException e = assertThrows(InputFiles.LimitException.class,
                () -> InputFiles.read(dir, 100, "preset"));
        assertTrue(e.getMessage().contains("is a folder, not a preset file"), e.getMessage());
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedBeforeReading() throws IOException {
        Path big = Files.write(dir.resolve("big.json"), new byte[2048]);
        InputFiles.LimitException e = assertThrows(InputFiles.LimitException.class,
                () -> InputFiles.read(big, 1024, "preset"));
        assertTrue(e.getMessage().contains("2 KB") && e.getMessage().contains("at most 1 KB"), e.getMessage());
    }
}
