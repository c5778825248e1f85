package org.diffusionplayground.model.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads 2-D points from CSV: one point per line, the first two columns are x and y, separated by a
 * comma, semicolon, tab or spaces; an optional header line; blank lines and lines starting with '#'
 * are skipped. Every problem is reported with its line number, and nothing is returned unless the
 * whole file is good.
 */
public final class CsvPoints {

    private CsvPoints() {
    }

    public static PointSet read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidDataException(file + ": not a readable file");
        }
        long bytes = Files.size(file);
        if (bytes > DataLimits.MAX_CSV_BYTES) {
            throw new InvalidDataException(file.getFileName() + ": the file has " + bytes / (1024 * 1024)
                    + " MB; the limit is " + DataLimits.MAX_CSV_BYTES / (1024 * 1024) + " MB");
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.getFileName().toString());
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InvalidDataException(file.getFileName() + ": not a UTF-8 text file");
        }
    }

    /** Parses CSV text; {@code sourceName} prefixes every error message. */
    public static PointSet parse(Reader in, String sourceName) throws IOException {
        BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in);
        double[] xy = new double[256];
        int n = 0;
        int lineNumber = 0;
        boolean sawData = false;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            String trimmed = line.strip();
            if (lineNumber == 1 && !trimmed.isEmpty() && trimmed.charAt(0) == '\uFEFF') {
                trimmed = trimmed.substring(1).strip();
            }
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] cells = trimmed.split("\\s*[,;\\t]\\s*|\\s+");
            if (cells.length < 2) {
                throw new InvalidDataException(sourceName + ", line " + lineNumber
                        + ": expected two columns (x, y) but found one: \"" + abbreviate(trimmed) + "\"");
            }
            double x;
            double y;
            try {
                x = Double.parseDouble(cells[0]);
                y = Double.parseDouble(cells[1]);
            } catch (NumberFormatException e) {
                if (!sawData && n == 0 && isHeader(cells)) {
                    sawData = true; // a header line: skip it, only once and only first
                    continue;
                }
                throw new InvalidDataException(sourceName + ", line " + lineNumber + ": \"" + abbreviate(trimmed)
                        + "\" is not a pair of numbers");
            }
            sawData = true;
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                throw new InvalidDataException(sourceName + ", line " + lineNumber
                        + ": coordinates must be finite numbers, got " + cells[0] + ", " + cells[1]);
            }
            if (n == DataLimits.MAX_POINTS) {
                throw new InvalidDataException(sourceName + ", line " + lineNumber + ": more than "
                        + DataLimits.MAX_POINTS + " points; the limit is " + DataLimits.MAX_POINTS);
            }
            if (2 * n + 2 > xy.length) {
                xy = java.util.Arrays.copyOf(xy, xy.length * 2);
            }
            xy[2 * n] = x;
            xy[2 * n + 1] = y;
            n++;
        }
        if (n == 0) {
            throw new InvalidDataException(sourceName + ": no points found (the file is empty or has only a header)");
        }
        if (n < 2) {
            throw new InvalidDataException(sourceName + ": only one point; a data set needs at least two");
        }
        return PointSet.adopt(java.util.Arrays.copyOf(xy, 2 * n));
    }

    private static boolean isHeader(String[] cells) {
        for (String c : cells) {
            if (c.isEmpty() || !Character.isLetter(c.charAt(0)) && c.charAt(0) != '"' && c.charAt(0) != '_') {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
