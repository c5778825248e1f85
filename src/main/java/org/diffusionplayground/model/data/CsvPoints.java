package org.diffusionplayground.model.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.diffusionplayground.model.util.InputFiles;
import org.diffusionplayground.model.util.UserText;

/**
 * Reads 2-D points from CSV: one point per line, the first two columns are x and y; an optional header
 * line; blank lines and lines starting with '#' are skipped. Every problem is reported with its line
 * number, and nothing is returned unless the whole file is good.
 *
 * <p>A third column, when every point has one and it reads as classes, is the point's class label: whole
 * numbers below {@link PointSet#MAX_CLASSES} are taken as they are (so a labelled set written by {@link
 * #write} reads back the same), words name a class, numbered in order of first appearance. A third column of
 * other numbers (a weight, a z coordinate) or with more than {@link PointSet#MAX_CLASSES} distinct values is
 * not a label and is ignored, as are columns after the third: files read before labels existed read the same.
 *
 * <p>The separator is that of the first line: a tab, else a semicolon, else a comma, else spaces. With
 * tabs, semicolons or spaces a comma inside a number is a decimal comma, as spreadsheets in many locales
 * export ({@code 1,5;2,5} is the point (1.5, 2.5)). Numbers are plain decimals ({@code -1.5e3}); digit
 * groups ({@code 1 000}), NaN, infinities and hexadecimal are refused with a message rather than misread.
 *
 * <p>Limits ({@link DataLimits}) keep any file from exhausting memory or time: the file size, the line
 * length (read in chunks, so a one-line file of 200 MB is refused after its first {@value
 * DataLimits#MAX_LINE_CHARS} characters), the number of columns and of points, and the magnitude of a
 * coordinate, which must stay below {@value DataLimits#MAX_ABS_COORDINATE} so that the squares summed by
 * the standardisation ({@link PointSet#standardised()}) stay finite.
 */
public final class CsvPoints {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d{1,4})?");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d*,\\d+(?:[eE][+-]?\\d{1,4})?");
    private static final Pattern GROUPED = Pattern.compile("[+-]?\\d{1,3}(?:[ \u00A0'.]\\d{3})+(?:[.,]\\d+)?");
    /** Longest number read: far beyond any double's 17 significant digits, short enough to echo. */
    private static final int MAX_NUMBER_CHARS = 64;

    private CsvPoints() {
    }

    public static PointSet read(Path file) throws IOException {
        try {
            InputFiles.checkRegular(file, DataLimits.MAX_CSV_BYTES, "CSV data");
        } catch (InputFiles.LimitException e) {
            throw new InvalidDataException(e.getMessage());
        }
        String name = UserText.shown(String.valueOf(file.getFileName()));
        try (Reader r = new java.io.InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
            return parse(r, name);
        } catch (CharacterCodingException e) {
            throw new InvalidDataException(name + ": not a UTF-8 text file");
        }
    }

    /** Parses CSV text; {@code sourceName} prefixes every error message. */
    public static PointSet parse(Reader in, String sourceName) throws IOException {
        Lines lines = new Lines(in, sourceName);
        double[] xy = new double[256];
        String[] labelCells = new String[128];
        int labelled = 0;
        int n = 0;
        boolean sawContent = false;
        char separator = 0;
        String line;
        while ((line = lines.next()) != null) {
            String trimmed = line.strip();
            if (lines.number() == 1 && !trimmed.isEmpty() && trimmed.charAt(0) == '\uFEFF') {
                trimmed = trimmed.substring(1).strip();
            }
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (separator == 0) {
                separator = separatorOf(trimmed);
            }
            String[] cells = firstCells(trimmed, separator, sourceName, lines.number());
            boolean header = cells[1] != null && !sawContent && isHeader(cells);
            if (cells[1] == null) {
                throw new InvalidDataException(sourceName + ", line " + lines.number()
                        + ": expected two columns (x, y) but found one: \"" + UserText.shown(trimmed) + "\""
                        + (separator == ',' ? "" : " (columns are separated by " + describe(separator) + ")"));
            }
            if (header) {
                sawContent = true; // a header line: skip it, only once and only first
                continue;
            }
            sawContent = true;
            double x = number(cells[0], separator, sourceName, lines.number());
            double y = number(cells[1], separator, sourceName, lines.number());
            if (n == DataLimits.MAX_POINTS) {
                throw new InvalidDataException(sourceName + ", line " + lines.number() + ": more than "
                        + DataLimits.MAX_POINTS + " points; the limit is " + DataLimits.MAX_POINTS);
            }
            if (2 * n + 2 > xy.length) {
                xy = Arrays.copyOf(xy, xy.length * 2);
            }
            xy[2 * n] = x;
            xy[2 * n + 1] = y;
            if (n == labelCells.length) {
                labelCells = Arrays.copyOf(labelCells, 2 * n);
            }
            labelCells[n] = cells[2] == null || cells[2].isEmpty() ? null : cells[2];
            labelled += labelCells[n] != null ? 1 : 0;
            n++;
        }
        if (n == 0) {
            throw new InvalidDataException(sourceName + ": no points found (the file is empty or has only a header)");
        }
        if (n < 2) {
            throw new InvalidDataException(sourceName + ": only one point; a data set needs at least two");
        }
        PointSet points = PointSet.adopt(Arrays.copyOf(xy, 2 * n));
        return labelled < n ? points : labels(points, Arrays.copyOf(labelCells, n));
    }

    /**
     * Whole numbers are labels as they are; words are classes in order of appearance; anything else (other
     * numbers, too many classes) leaves the points unlabelled.
     */
    private static PointSet labels(PointSet points, String[] cells) {
        int n = cells.length;
        int[] labels = new int[n];
        boolean numeric = true;
        int max = 0;
        for (int i = 0; i < n && numeric; i++) {
            numeric = cells[i].length() <= 3 && cells[i].chars().allMatch(Character::isDigit);
            if (numeric) {
                labels[i] = Integer.parseInt(cells[i]);
                max = Math.max(max, labels[i]);
            }
        }
        if (!numeric) {
            java.util.Map<String, Integer> classes = new java.util.LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                if (NUMBER.matcher(cells[i]).matches() || DECIMAL_COMMA.matcher(cells[i]).matches()) {
                    return points; // a numeric column that is not a class index
                }
                Integer k = classes.get(cells[i]);
                if (k == null) {
                    k = classes.size();
                    classes.put(cells[i], k);
                }
                labels[i] = k;
            }
            max = classes.size() - 1;
        }
        return max + 1 > PointSet.MAX_CLASSES ? points : points.withLabels(labels, max + 1);
    }

    /**
     * Writes points as CSV, {@code x,y} per line, with the label as a third column when the set is labelled;
     * numbers in shortest round-trip form, so {@link #parse} gives back the same set.
     */
    public static void write(PointSet points, java.io.Writer out) throws IOException {
        out.write(points.hasLabels() ? "x,y,label\n" : "x,y\n");
        for (int i = 0; i < points.size(); i++) {
            out.write(Double.toString(points.x(i)));
            out.write(',');
            out.write(Double.toString(points.y(i)));
            if (points.hasLabels()) {
                out.write(',');
                out.write(Integer.toString(points.label(i)));
            }
            out.write('\n');
        }
    }

    private static char separatorOf(String line) {
        if (line.indexOf('\t') >= 0) {
            return '\t';
        }
        if (line.indexOf(';') >= 0) {
            return ';';
        }
        return line.indexOf(',') >= 0 ? ',' : ' ';
    }

    private static String describe(char separator) {
        return switch (separator) {
            case '\t' -> "tabs";
            case ';' -> "semicolons";
            case ',' -> "commas";
            default -> "spaces";
        };
    }

    /**
     * The first three cells (null where the line has fewer), unquoted and trimmed; the line may have at
     * most {@link DataLimits#MAX_COLUMNS} columns.
     */
    private static String[] firstCells(String line, char separator, String source, int lineNumber) {
        String[] cells = new String[3];
        int columns = 0;
        int i = 0;
        int length = line.length();
        while (i <= length) {
            int end;
            int next;
            if (separator == ' ') {
                end = i;
                while (end < length && !Character.isWhitespace(line.charAt(end))) {
                    end++;
                }
                next = end;
                while (next < length && Character.isWhitespace(line.charAt(next))) {
                    next++;
                }
                if (next == end) {
                    next = length + 1;
                }
            } else {
                end = line.indexOf(separator, i);
                if (end < 0) {
                    end = length;
                }
                next = end + 1;
            }
            columns++;
            if (columns > DataLimits.MAX_COLUMNS) {
                throw new InvalidDataException(source + ", line " + lineNumber + ": more than "
                        + DataLimits.MAX_COLUMNS + " columns; the limit is " + DataLimits.MAX_COLUMNS
                        + " (x and y are the first two)");
            }
            if (columns <= 3) {
                cells[columns - 1] = unquote(line.substring(i, end).strip());
            }
            if (next > length) {
                break;
            }
            i = next;
        }
        return cells;
    }

    private static String unquote(String cell) {
        return cell.length() >= 2 && cell.charAt(0) == '"' && cell.charAt(cell.length() - 1) == '"'
                ? cell.substring(1, cell.length() - 1).strip() : cell;
    }

    private static double number(String cell, char separator, String source, int lineNumber) {
        String text = cell;
        if (separator != ',' && text.length() <= MAX_NUMBER_CHARS && DECIMAL_COMMA.matcher(text).matches()) {
            text = text.replace(',', '.'); // a decimal comma: "1,5" in a semicolon-, tab- or space-separated file
        }
        if (text.length() <= MAX_NUMBER_CHARS && NUMBER.matcher(text).matches()) {
            double v = Double.parseDouble(text);
            if (Math.abs(v) >= DataLimits.MAX_ABS_COORDINATE) {
                throw new InvalidDataException(source + ", line " + lineNumber + ": " + UserText.shown(cell)
                        + " is too large; coordinates must stay below " + DataLimits.MAX_ABS_COORDINATE
                        + " in size (rescale the data)");
            }
            return v;
        }
        String where = source + ", line " + lineNumber + ": ";
        if (cell.isEmpty()) {
            throw new InvalidDataException(where + "a cell is empty where a number is expected");
        }
        if (text.length() > MAX_NUMBER_CHARS) {
            throw new InvalidDataException(where + "\"" + UserText.shown(cell, 24) + "\" is not a number (longer than "
                    + MAX_NUMBER_CHARS + " characters)");
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("nan") || lower.contains("inf")) {
            throw new InvalidDataException(where + "coordinates must be finite numbers, got \"" + UserText.shown(cell)
                    + "\"");
        }
        if (GROUPED.matcher(cell).matches()) {
            throw new InvalidDataException(where + "\"" + UserText.shown(cell) + "\" has its digits in groups; write "
                    + "numbers without thousands separators (e.g. 1000.5)");
        }
        if (separator == ',' && DECIMAL_COMMA.matcher(cell).matches()) {
            throw new InvalidDataException(where + "\"" + UserText.shown(cell) + "\" looks like a decimal comma in a "
                    + "comma-separated file; separate the columns with semicolons");
        }
        throw new InvalidDataException(where + "\"" + UserText.shown(cell) + "\" is not a number");
    }

    private static boolean isHeader(String[] cells) {
        for (int i = 0; i < 2; i++) {
            String c = cells[i];
            if (c == null || c.isEmpty() || !Character.isLetter(c.charAt(0)) && c.charAt(0) != '"'
                    && c.charAt(0) != '_') {
                return false;
            }
        }
        String lower0 = cells[0].toLowerCase(java.util.Locale.ROOT);
        return !lower0.startsWith("nan") && !lower0.startsWith("inf");
    }

    /** Lines read in chunks, none longer than {@link DataLimits#MAX_LINE_CHARS}. */
    private static final class Lines {
        private final Reader in;
        private final String source;
        private final char[] buffer = new char[1 << 16];
        private int position;
        private int limit;
        private int number;
        private boolean ended;

        Lines(Reader in, String source) {
            this.in = in;
            this.source = source;
        }

        int number() {
            return number;
        }

        /** The next line without its end (\n, \r\n or \r), or null at the end. */
        String next() throws IOException {
            StringBuilder line = new StringBuilder();
            while (true) {
                if (position == limit) {
                    if (ended || !fill()) {
                        if (line.length() == 0 && ended) {
                            return null;
                        }
                        number++;
                        return line.toString();
                    }
                }
                int start = position;
                while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                    position++;
                }
                line.append(buffer, start, position - start);
                if (line.length() > DataLimits.MAX_LINE_CHARS) {
                    throw new InvalidDataException(source + ", line " + (number + 1) + ": longer than "
                            + DataLimits.MAX_LINE_CHARS + " characters; the limit is " + DataLimits.MAX_LINE_CHARS
                            + " (is this a CSV file of points?)");
                }
                if (position < limit) {
                    char end = buffer[position++];
                    if (end == '\r') {
                        if (position == limit) {
                            fill();
                        }
                        if (position < limit && buffer[position] == '\n') {
                            position++;
                        }
                    }
                    number++;
                    return line.toString();
                }
            }
        }

        private boolean fill() throws IOException {
            int r = in.read(buffer, 0, buffer.length);
            if (r <= 0) {
                ended = true;
                position = 0;
                limit = 0;
                return false;
            }
            position = 0;
            limit = r;
            return true;
        }
    }
}
