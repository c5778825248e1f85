package org.diffusionplayground.model.util;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/**
 * Puts text that came from outside (a cell of a CSV file, a field of a preset, a file name) into a message
 * for the user: control characters are escaped so they cannot garble a terminal or a dialog, and long
 * values are cut with "…" so a 190 MB cell is not echoed whole.
 */
public final class UserText {

    /** Longest value echoed in a message. */
    public static final int MAX_SHOWN = 80;

    private UserText() {
    }

    /** {@code s} with control characters escaped ({@code \n}, {@code \u0007}) and cut to {@value #MAX_SHOWN}. */
    public static String shown(String s) {
        return shown(s, MAX_SHOWN);
    }

    /** {@code s} with control characters escaped and cut to about {@code max} characters with "…". */
    public static String shown(String s, int max) {
        if (s == null) {
            return "(nothing)";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 8);
        for (int i = 0; i < s.length(); i++) {
            if (b.length() >= max) {
                b.append('…');
                break;
            }
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u202E'
                            || c == '\uFEFF') {
                        b.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** Why an I/O operation failed, in words: no exception class names. */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "it does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return shown(f.getReason(), 200);
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "input/output error" : shown(m, 200);
    }

    /** A size in bytes as "512 bytes", "12 MB", "2.0 GB". */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + (n == 1 ? " byte" : " bytes");
        }
        if (n < 1L << 20) {
            return (n >> 10) + " KB";
        }
        if (n < 1L << 30) {
            return (n >> 20) + " MB";
        }
        return String.format(Locale.ROOT, "%.1f GB", n / (double) (1L << 30));
    }
}
