package org.diffusionplayground.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Keeps the generated part of docs/benchmarks.md up to date: the {@code bench} command's table lives
 * between two HTML comment markers and is replaced on every run; the hand-written analysis around it
 * (where the time goes, profiles, what did not help) is never touched.
 */
public final class BenchmarksDoc {

    public static final String BEGIN = "<!-- bench:begin (written by ./playground bench; edit outside these markers) -->";
    public static final String END = "<!-- bench:end -->";
    private static final String BEGIN_PREFIX = "<!-- bench:begin";

    private BenchmarksDoc() {
    }

    /**
     * Replaces the generated section of {@code file} with {@code markdown}; a missing file or section is
     * created (the section at the end, under a heading). The file is replaced atomically.
     */
    public static void update(Path file, String markdown) throws IOException {
        String old = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n";
        Files.writeString(temp(file), splice(old, markdown), StandardCharsets.UTF_8);
        try {
            Files.move(temp(file), file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp(file), file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The document with its generated section replaced (or appended). */
    public static String splice(String document, String markdown) {
        String block = BEGIN + "\n" + markdown.strip() + "\n" + END;
        int b = document.indexOf(BEGIN_PREFIX);
        int e = b < 0 ? -1 : document.indexOf(END, b);
        if (b < 0 || e < 0) {
            String sep = document.endsWith("\n") ? "\n" : "\n\n";
            return document + sep + "## The suite: latest run\n\n" + block + "\n";
        }
        return document.substring(0, b) + block + document.substring(e + END.length());
    }

    private static Path temp(Path file) {
        Path abs = file.toAbsolutePath();
        return abs.resolveSibling("." + abs.getFileName() + ".tmp");
    }
}
