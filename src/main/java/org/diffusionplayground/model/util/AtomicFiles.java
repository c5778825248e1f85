package org.diffusionplayground.model.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Writes files so that the target holds either what it held before or the complete new content, never
 * a part: the content goes to a hidden temporary file in the target's folder, is forced to disk, then
 * renamed over the target with ATOMIC_MOVE. A failure (unwritable folder, full disk, cancelled export,
 * crash of the encoder) deletes the temporary file and reports a {@link WriteException} whose message is
 * meant for the user and names the file. Checkpoints, presets, autosaves and every export go through
 * here.
 */
public final class AtomicFiles {

    /** Produces the content by writing the given (empty, already created) temporary file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temporary) throws IOException;
    }

    /** What to do when the target already exists. */
    public enum Existing {
        /** Replace it (the caller asked the user, or the file is the app's own, like an autosave). */
        REPLACE,
        /** Refuse with a message that says how to confirm (a dialog in the app, --force in the CLI). */
        REFUSE
    }

    private AtomicFiles() {
    }

    /** A write that did not happen; the message names the file and says why, in words for the user. */
    public static class WriteException extends IOException {
        private static final long serialVersionUID = 1L;

        public WriteException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The target exists and {@link Existing#REFUSE} was asked. */
    public static final class ExistsException extends WriteException {
        private static final long serialVersionUID = 1L;

        public ExistsException(Path target) {
            super(target + " already exists; confirm to replace it", null);
        }
    }

    public static void write(Path target, byte[] bytes, Existing existing) throws WriteException {
        write(target, existing, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
        });
    }

    /**
     * Writes {@code target} through a temporary file filled by {@code content}. The folder must exist.
     * A {@link java.util.concurrent.CancellationException} or any other exception from the content
     * leaves no file behind and is passed on unchanged (IOExceptions are turned into user messages).
     */
    public static void write(Path target, Existing existing, Content content) throws WriteException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        check(absolute, dir, existing);
        deleteStaleTemporaries(dir, absolute.getFileName().toString(), Instant.now().minus(STALE));
        // not Files.createTempFile: it makes the file owner-only (0600); this one gets the umask's mode
        Path tmp = dir.resolve("." + absolute.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            try {
                Files.createFile(tmp);
            } catch (IOException e) {
                throw explain(e, absolute, dir);
            }
            try {
                content.writeTo(tmp);
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                if (existing == Existing.REFUSE && Files.exists(absolute)) {
                    throw new ExistsException(target); // appeared while we were writing
                }
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (WriteException e) {
                throw e;
            } catch (AtomicMoveNotSupportedException e) {
                throw new WriteException("the file system of " + dir + " cannot rename atomically, so " + target
                        + " is not written", e);
            } catch (IOException e) {
                throw explain(e, absolute, dir);
            }
            syncDirectory(dir);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the folder became unwritable meanwhile; nothing more can be done about the hidden file
            }
        }
    }

    /**
     * A temporary file untouched this long belongs to a write that was killed: writers fill their temporary
     * file continuously and rename or delete it when they end.
     */
    public static final Duration STALE = Duration.ofHours(1);
    private static final Pattern TEMPORARY = Pattern.compile("\\.(.+)\\.[0-9a-f]{1,16}\\.tmp");

    /** Deletes this class's temporary files in {@code dir} last modified before {@code before}. */
    public static void deleteStaleTemporaries(Path dir, Instant before) {
        deleteStaleTemporaries(dir, null, before);
    }

    /** The same for the temporary files of one target name only (null: of every target). */
    private static void deleteStaleTemporaries(Path dir, String target, Instant before) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path f : files) {
                Matcher m = TEMPORARY.matcher(f.getFileName().toString());
                if (m.matches() && (target == null || target.equals(m.group(1)))
                        && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | RuntimeException e) {
            // cleaning is a courtesy: a leftover costs disk space, never correctness
        }
    }

    /** The checks that need no writing, so a dialog can report them before any work starts. */
    public static void check(Path target, Existing existing) throws WriteException {
        Path absolute = target.toAbsolutePath();
        check(absolute, absolute.getParent(), existing);
    }

    private static void check(Path absolute, Path dir, Existing existing) throws WriteException {
        if (dir == null) {
            throw new WriteException(absolute + " is not a file path", null);
        }
        if (!Files.isDirectory(dir)) {
            throw new WriteException("cannot write " + absolute.getFileName() + ": the folder " + dir
                    + (Files.exists(dir) ? " is not a folder" : " does not exist"), null);
        }
        if (Files.isDirectory(absolute)) {
            throw new WriteException(absolute + " is a folder, not a file", null);
        }
        if (!Files.isWritable(dir)) {
            throw new WriteException("cannot write " + absolute.getFileName() + ": the folder " + dir
                    + " is not writable (permission denied)", null);
        }
        if (existing == Existing.REFUSE && Files.exists(absolute)) {
            throw new ExistsException(absolute);
        }
    }

    /** Turns an I/O error into a sentence a user can act on. */
    static WriteException explain(IOException e, Path target, Path dir) {
        String raw = e.getMessage() == null ? "input/output error" : e.getMessage();
        // encoders wrap the real cause ("I/O error writing PNG file!" around "No space left on device")
        StringBuilder chain = new StringBuilder(raw);
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            chain.append(' ').append(c.getMessage());
        }
        String lower = chain.toString().toLowerCase(Locale.ROOT);
        String reason;
        if (lower.contains("no space left") || lower.contains("not enough space") || lower.contains("disk full")
                || lower.contains("quota")) {
            reason = "the disk is full";
        } else if (e instanceof AccessDeniedException || lower.contains("permission denied")
                || lower.contains("read-only file system")) {
            reason = "the folder " + dir + " is not writable (permission denied)";
        } else if (e instanceof NoSuchFileException) {
            reason = "the folder " + dir + " does not exist";
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            reason = fse.getReason();
        } else {
            reason = UserText.shown(raw, 200);
        }
        return new WriteException("could not write " + target + ": " + reason + "; nothing was written", e);
    }

    /** Makes the rename itself durable where the OS allows opening a folder (Linux, macOS). */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open folders; the rename is still atomic there
        }
    }
}
