package org.diffusionplayground.model.util;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The file operations a multi-file save is made of (a model's weights and card, an autosave's model and
 * scene). Saves take them as a parameter so tests can fail or "crash" at every single step and check that
 * what is on disk still loads; the app uses {@link #DISK}.
 */
public interface FileSteps {

    /** Replaces {@code target} atomically with {@code bytes} ({@link AtomicFiles}). */
    void write(Path target, byte[] bytes) throws IOException;

    /** Renames {@code from} over {@code to} atomically. */
    void move(Path from, Path to) throws IOException;

    /** Makes {@code copy} a second name of {@code existing} (a hard link, else a copy). */
    void keep(Path existing, Path copy) throws IOException;

    /** Deletes {@code file} if it exists. */
    void delete(Path file) throws IOException;

    /** The real thing. */
    FileSteps DISK = new FileSteps() {
        @Override
        public void write(Path target, byte[] bytes) throws IOException {
            AtomicFiles.write(target, bytes, AtomicFiles.Existing.REPLACE);
        }

        @Override
        public void move(Path from, Path to) throws IOException {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        public void keep(Path existing, Path copy) throws IOException {
            Files.deleteIfExists(copy);
            try {
                Files.createLink(copy, existing);
            } catch (UnsupportedOperationException | FileSystemException e) {
                // file systems without hard links (FAT, some network shares): a copy, written atomically
                AtomicFiles.write(copy, Files.readAllBytes(existing), AtomicFiles.Existing.REPLACE);
            }
        }

        @Override
        public void delete(Path file) throws IOException {
            Files.deleteIfExists(file);
        }
    };
}
