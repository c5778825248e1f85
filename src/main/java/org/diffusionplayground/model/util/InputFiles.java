package org.diffusionplayground.model.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Reads the files a user hands to the app (presets, checkpoints, CSV data, autosaves) so that no input
 * can hang or exhaust the app: only regular files are opened (a FIFO, a device or a folder is refused
 * before anything is read, since reading a FIFO blocks until someone writes to it), the size is checked
 * before reading and again while reading (the file may grow meanwhile), and every refusal is a
 * {@link LimitException} whose message names the file and the limit in words.
 */
public final class InputFiles {

    private InputFiles() {
    }

    /** A file the app will not read; the message is meant for the user. */
    public static final class LimitException extends IOException {
        private static final long serialVersionUID = 1L;

        public LimitException(String message) {
            super(message);
        }

        public LimitException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Checks that {@code file} is a regular file (following links) of at most {@code maxBytes}; {@code what}
     * ("preset", "model card") says in messages what the file was meant to be. Returns its size.
     */
    public static long checkRegular(Path file, long maxBytes, String what) throws LimitException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new LimitException("the " + what + " " + UserText.shown(file.toString()) + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new LimitException("the " + what + " " + UserText.shown(file.toString())
                    + " cannot be read (permission denied)", e);
        } catch (IOException e) {
            throw new LimitException("could not read the " + what + " " + UserText.shown(file.toString()) + ": "
                    + UserText.reason(e), e);
        }
        if (!a.isRegularFile()) {
            throw new LimitException(UserText.shown(file.toString()) + " is " + kind(file, a) + ", not a "
                    + what + " file");
        }
        if (a.size() > maxBytes) {
            throw new LimitException(name(file) + " has " + UserText.bytes(a.size()) + "; a " + what
                    + " may have at most " + UserText.bytes(maxBytes));
        }
        return a.size();
    }

    /** The whole file, if it is a regular file of at most {@code maxBytes} (see {@link #checkRegular}). */
    public static byte[] read(Path file, long maxBytes, String what) throws LimitException {
        long size = checkRegular(file, maxBytes, what);
        try (InputStream in = Files.newInputStream(file)) {
            // read at most one byte past the limit: a file that grew after the check is refused, not read whole
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, Math.max(size, 0) + 1));
            if (bytes.length > size) {
                byte[] more = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8 - bytes.length, maxBytes + 1
                        - bytes.length));
                bytes = concat(bytes, more);
            }
            if (bytes.length > maxBytes) {
                throw new LimitException(name(file) + " grew past " + UserText.bytes(maxBytes)
                        + " while it was read; a " + what + " may have at most " + UserText.bytes(maxBytes));
            }
            return bytes;
        } catch (LimitException e) {
            throw e;
        } catch (IOException e) {
            throw new LimitException("could not read the " + what + " " + name(file) + ": " + UserText.reason(e), e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String kind(Path file, BasicFileAttributes a) {
        if (a.isDirectory()) {
            return "a folder";
        }
        if (Files.isSymbolicLink(file) && !Files.exists(file)) {
            return "a broken link";
        }
        if (a.isOther()) {
            // FIFOs, sockets and devices: reading them can block for ever or never end
            return Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? "a pipe, socket or device" : "not a file";
        }
        return "not a regular file";
    }

    private static String name(Path file) {
        Path n = file.getFileName();
        return UserText.shown(n == null ? file.toString() : n.toString());
    }
}
