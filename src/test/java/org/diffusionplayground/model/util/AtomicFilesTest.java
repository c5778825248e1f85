package org.diffusionplayground.model.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one safe-write path: the old file or the complete new one, never a part, and messages for people. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    private long files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void aFullDiskInTheMiddleOfAWriteKeepsTheOldFileAndSaysWhy() throws Exception {
        Path target = dir.resolve("video.mp4");
        Files.writeString(target, "the old video");
        AtomicFiles.WriteException e = assertThrows(AtomicFiles.WriteException.class,
                () -> AtomicFiles.write(target, AtomicFiles.Existing.REPLACE, tmp -> {
                    Files.writeString(tmp, "half of the new");
                    throw new IOException("No space left on device");
                }));
        assertTrue(e.getMessage().contains("the disk is full") && e.getMessage().contains("video.mp4"), e.getMessage());
        assertEquals("the old video", Files.readString(target));
        assertEquals(1, files(), "no temporary file left");
    }

    @Test
    void cancellingKeepsNothingAndPassesTheCancellationOn() throws Exception {
        Path target = dir.resolve("new.gif");
        assertThrows(CancellationException.class, () -> AtomicFiles.write(target, AtomicFiles.Existing.REFUSE, tmp -> {
            Files.writeString(tmp, "frames");
            throw new CancellationException("cancelled");
        }));
        assertEquals(0, files());
    }

    @Test
    void existingFilesAndMissingFoldersAreRefusedBeforeWriting() throws Exception {
        Path target = dir.resolve("a.png");
        AtomicFiles.write(target, new byte[] {1, 2, 3}, AtomicFiles.Existing.REFUSE);
        assertThrows(AtomicFiles.ExistsException.class,
                () -> AtomicFiles.write(target, new byte[] {4}, AtomicFiles.Existing.REFUSE));
        assertEquals(3, Files.size(target));
        AtomicFiles.write(target, new byte[] {4}, AtomicFiles.Existing.REPLACE);
        assertEquals(1, Files.size(target));
        AtomicFiles.WriteException e = assertThrows(AtomicFiles.WriteException.class,
                () -> AtomicFiles.check(dir.resolve("no-such-folder/a.png"), AtomicFiles.Existing.REFUSE));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        e = assertThrows(AtomicFiles.WriteException.class, () -> AtomicFiles.check(dir, AtomicFiles.Existing.REPLACE));
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
    }

    @Test
    void anEncoderThatWrapsTheFullDiskStillReportsAFullDisk() throws Exception {
        Path target = dir.resolve("frame.png");
        // ImageIO reports "I/O error writing PNG file!" around the operating system's reason
        AtomicFiles.WriteException e = assertThrows(AtomicFiles.WriteException.class,
                () -> AtomicFiles.write(target, AtomicFiles.Existing.REFUSE, tmp -> {
                    throw new IOException("I/O error writing PNG file!",
                            new IOException("No space left on device"));
                }));
        assertTrue(e.getMessage().contains("the disk is full"), e.getMessage());
        assertTrue(!Files.exists(target));
    }

    @Test
    void staleTemporaryFilesOfATargetAreRemovedByItsNextWrite() throws Exception {
        Path target = dir.resolve("talk.mp4");
        Path killed = Files.writeString(dir.resolve(".talk.mp4.1a2b3c.tmp"), "half a video");
        Path running = Files.writeString(dir.resolve(".talk.mp4.4d5e6f.tmp"), "a video being written");
        Path other = Files.writeString(dir.resolve(".other.mp4.7a8b9c.tmp"), "another target's");
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(AtomicFiles.STALE).minusSeconds(60));
        Files.setLastModifiedTime(killed, old);
        Files.setLastModifiedTime(other, old);
        AtomicFiles.write(target, new byte[] {1}, AtomicFiles.Existing.REFUSE);
        assertTrue(!Files.exists(killed), "the killed write's file is gone");
        assertTrue(Files.exists(running), "a write in progress is left alone");
        assertTrue(Files.exists(other), "only the target's own temporary files");
    }
}
