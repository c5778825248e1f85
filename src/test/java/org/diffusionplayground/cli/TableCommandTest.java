package org.diffusionplayground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.diffusionplayground.model.checkpoint.CheckpointIO;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableCommandTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private String[] tiny(String compareFd, String... extra) {
        String[] base = {"table", "--datasets", "25gaussians", "--schedules", "SIMPLE", "--seeds", "2", "--steps", "150",
            "--points", "40", "--samples", "60", "--sampler-steps", "40", "--grid-cells", "32,64", "--grid-step", "0.3",
            "--compare-fd", compareFd, "--cache", dir.toString(), "--quiet", "--details"};
        return java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
    }

    @Test
    void tinyTableRunsEndToEndAndReusesItsCache() throws Exception {
        CliRun first = run(tiny("2"));
        assertEquals(0, first.code(), first.err());
        String out = first.out();
        assertTrue(out.contains("NLL(h=0) PF-ODE") && out.contains("NLL(h=1) grid") && out.contains("W2(h=1)"), out);
        // one row per tolerance, both with mean ± sd over the two seeds
        String row = out.lines().filter(l -> l.startsWith("25 gaussians")).findFirst().orElseThrow();
        assertTrue(row.contains("1e-3") && row.chars().filter(c -> c == '±').count() >= 6, row);
        assertTrue(out.lines().anyMatch(l -> l.trim().startsWith("1e-5")), out);
        assertTrue(out.contains("25 gaussians SIMPLE seed 2"), out);
        assertTrue(out.contains("time ratio (paper / ours)"), out);
        assertTrue(Files.exists(dir.resolve("25gaussians-SIMPLE-seed1").resolve("model.safetensors")));
        assertTrue(Files.exists(dir.resolve("25gaussians-SIMPLE-seed2").resolve("model.json")));

        // the second run loads both models and gives the same numbers
        CliRun second = run(tiny("0"));
        assertEquals(0, second.code(), second.err());
        String again = second.out().lines().filter(l -> l.startsWith("25 gaussians")).findFirst().orElseThrow();
        assertEquals(row, again);
        // the likelihood columns alone: the same NLL and corrections, no grid, no W2
        CliRun quick = run(tiny("0", "--no-reference"));
        assertEquals(0, quick.code(), quick.err());
        String quickRow = quick.out().lines().filter(l -> l.startsWith("25 gaussians")).findFirst().orElseThrow();
        assertEquals(row.substring(0, row.indexOf("NLL".length() > 0 ? " 0 " : "")).length() > 0, true);
        assertTrue(quickRow.contains("n/a"), quickRow);
        String[] cells = row.trim().split("\\s{2,}");
        String[] quickCells = quickRow.trim().split("\\s{2,}");
        for (int c = 0; c < 7; c++) { // data, schedule, tol, NLL, −E[C], trimmed, median: identical
            assertEquals(cells[c], quickCells[c], "column " + c + "\n" + row + "\n" + quickRow);
        }

        // another training length is another model: the cache is not reused for it
        var card = CheckpointIO.load(dir.resolve("25gaussians-SIMPLE-seed1").resolve("model")).card();
        DataSet data = DataSet.builtIn(ToyData.GAUSSIANS_25, 3000, 1);
        TrainingConfig same = TrainingConfig.paper(ScheduleSpec.of(ScheduleKind.SIMPLE)).withSteps(150).withSeed(1);
        assertEquals(null, TableCommand.mismatch(card, same, data));
        assertTrue(TableCommand.mismatch(card, same.withSteps(151), data).contains("training"));
        assertTrue(TableCommand.mismatch(card, same.withSeed(2), data) != null);
    }

    @Test
    void shardsSavedAndMergedGiveTheTableOfOneRunAndParallelJobsTheSameNumbers() throws Exception {
        Path cells = dir.resolve("cells");
        CliRun whole = run(tiny("0", "--no-reference", "--jobs", "2"));
        assertEquals(0, whole.code(), whole.err());
        for (String shard : new String[] {"1/2", "2/2"}) {
            CliRun part = run(tiny("0", "--no-reference", "--shard", shard, "--save", cells.toString()));
            assertEquals(0, part.code(), part.err());
        }
        assertTrue(Files.exists(cells.resolve("25gaussians-SIMPLE-seed1.json")));
        assertTrue(Files.exists(cells.resolve("25gaussians-SIMPLE-seed2.json")));
        CliRun merged = run(tiny("0", "--no-reference", "--merge", cells.toString()));
        assertEquals(0, merged.code(), merged.err());
        String row = whole.out().lines().filter(l -> l.startsWith("25 gaussians")).findFirst().orElseThrow();
        assertEquals(row, merged.out().lines().filter(l -> l.startsWith("25 gaussians")).findFirst().orElseThrow());
        // --jobs 2 evaluated the two seeds at once; one at a time gives the same numbers to the digit
        CliRun serial = run(tiny("0", "--no-reference"));
        assertEquals(row, serial.out().lines().filter(l -> l.startsWith("25 gaussians")).findFirst().orElseThrow());

        CliRun otherSetup = run(tiny("0", "--no-reference", "--tolerances", "1e-4", "--merge", cells.toString()));
        assertEquals(1, otherSetup.code());
        assertTrue(otherSetup.err().contains("another setup"), otherSetup.err());
        assertEquals(2, run(tiny("0", "--shard", "3/2")).code());
        assertEquals(2, run(tiny("0", "--shard", "x")).code());
        assertEquals(2, run(tiny("0", "--jobs", "0")).code());
    }

    @Test
    void badOptionsAreUsageErrors() {
        CliRun zeroTol = run("table", "--tolerances", "0", "--cache", dir.toString());
        assertEquals(2, zeroTol.code());
        assertTrue(zeroTol.err().contains("tolerance must be positive"), zeroTol.err());
        CliRun looseTol = run("table", "--tolerances", "0.5", "--cache", dir.toString());
        assertEquals(2, looseTol.code());
        assertTrue(looseTol.err().contains("at most 0.1"), looseTol.err());
        CliRun grid = run("table", "--grid-cells", "8,64", "--cache", dir.toString());
        assertEquals(2, grid.code());
        assertTrue(grid.err().contains("between 16 and 4096"), grid.err());
        CliRun samples = run("table", "--samples", "5000", "--cache", dir.toString());
        assertEquals(2, samples.code());
        CliRun seeds = run("table", "--seeds", "0", "--cache", dir.toString());
        assertEquals(2, seeds.code());
        CliRun steps = run("table", "--sampler-steps", "0", "--cache", dir.toString());
        assertEquals(2, steps.code());
        CliRun data = run("table", "--datasets", "mnist", "--cache", dir.toString());
        assertEquals(2, data.code());
        assertTrue(data.err().contains("unknown data set"), data.err());
    }
}
