package org.diffusionplayground.model.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvPointsTest {

    @TempDir
    Path dir;

    private static double[] parse(String text) throws IOException {
        return CsvPoints.parse(new StringReader(text), "data.csv").toArray();
    }

    private static String refused(String text) {
        return assertThrows(InvalidDataException.class, () -> parse(text)).getMessage();
    }

    @Test
    void everySeparatorReadsTheSamePoints() throws IOException {
        double[] expected = {1.5, -2, 0.25, 3e2};
        assertArrayEquals(expected, parse("x,y\n1.5,-2\n0.25,3e2\n"));
        assertArrayEquals(expected, parse("1.5;-2\r\n0.25;3e2"));
        assertArrayEquals(expected, parse("1.5\t-2\t7\n0.25\t3e2\t7\n"));
        assertArrayEquals(expected, parse("# comment\n  1.5   -2\n\n0.25 3e2\n"));
        assertArrayEquals(expected, parse("\uFEFF\"x\",\"y\"\n\"1.5\",\"-2\"\n0.25,300\n"));
    }

    @Test
    void spreadsheetExportsWithDecimalCommasAreReadAsDecimals() throws IOException {
        assertArrayEquals(new double[] {1.5, 2.5, -0.75, 10}, parse("x;y\n1,5;2,5\n-0,75;10\n"));
        assertArrayEquals(new double[] {1.5, 2.5, -0.75, 10}, parse("1,5\t2,5\n-0,75\t10\n"));
    }

    @Test
    void numbersThatWouldBeMisreadAreRefusedWithTheReason() {
        assertTrue(refused("1 000,2\n3,4\n").contains("groups"), refused("1 000,2\n3,4\n"));
        assertTrue(refused("1.5,2\nNaN,1\n").contains("finite"));
        assertTrue(refused("1.5,2\n0x1p3,1\n").contains("is not a number"));
        assertTrue(refused("1.5,2\n1.5d,1\n").contains("is not a number"), "Java's suffixes are not numbers");
    }

    @Test
    void aValueWhoseSquareWouldOverflowTheStandardisationIsRefused() throws IOException {
        String m = refused("1,2\n1e200,3\n");
        assertTrue(m.contains("line 2") && m.contains("too large"), m);
        // the largest accepted magnitude standardises to finite numbers, even a million times over
        PointSet edge = CsvPoints.parse(new StringReader("9.9e149,0\n-9.9e149,1\n"), "edge.csv");
        for (double v : edge.standardised().toArray()) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void aHugeLineIsRefusedAfterItsFirstCharactersWithoutBeingEchoed() throws IOException {
        // a reader that would yield 100 million characters on one line: only the first chunks are read
        Reader endless = new Reader() {
            long left = 100_000_000L;

            @Override
            public int read(char[] buf, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(buf, off, off + n, '7');
                left -= n;
                return n;
            }

            @Override
            public void close() {
            }
        };
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> CsvPoints.parse(endless, "big.csv"));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("longer than "
                + DataLimits.MAX_LINE_CHARS), e.getMessage());
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }

    @Test
    void tooManyColumnsAreRefusedNamingTheLimit() {
        String line = "1," + "0,".repeat(DataLimits.MAX_COLUMNS) + "0\n";
        String m = refused(line + line);
        assertTrue(m.contains("more than " + DataLimits.MAX_COLUMNS + " columns"), m);
    }

    @Test
    void echoedCellsAreCutAndTheirControlCharactersEscaped() {
        String m = refused("1,2\n\u001b[2J" + "x".repeat(5000) + ",1\n");
        assertTrue(m.contains("\\u001B[2J") && m.contains("…") && m.length() < 300, m);
    }

    @Test
    void aFileThatIsNotUtf8SaysSo() throws IOException {
        Path f = Files.write(dir.resolve("latin1.csv"), new byte[] {'1', ',', (byte) 0xE9, '\n'});
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> CsvPoints.read(f));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }
}
