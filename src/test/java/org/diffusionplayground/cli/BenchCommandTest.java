package org.diffusionplayground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.diffusionplayground.bench.BenchmarksDoc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code playground bench} from rotting: the quick run goes through every section of the suite
 * (training with its peers, network, sampler, likelihood with the Hipparchus peer, Fokker–Planck,
 * frames) and writes its table into a document without touching the hand-written text around it.
 */
class BenchCommandTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void quickRunFillsEveryRowAndReplacesOnlyItsOwnSectionOfTheDocument() throws Exception {
        Path doc = dir.resolve("benchmarks.md");
        Files.writeString(doc, "# Benchmarks\n\nHand-written introduction.\n\n" + BenchmarksDoc.BEGIN
                + "\nstale table\n" + BenchmarksDoc.END + "\n\n## Where the time goes\n\nHand-written analysis.\n");
        CliRun r = run("bench", "--quick", "--doc", doc.toString());
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(doc);
        assertTrue(text.startsWith("# Benchmarks\n\nHand-written introduction.\n\n" + BenchmarksDoc.BEGIN), text);
        assertTrue(text.endsWith(BenchmarksDoc.END + "\n\n## Where the time goes\n\nHand-written analysis.\n"), text);
        assertFalse(text.contains("stale table"));
        assertTrue(text.contains("Smoke run (`--quick`)"));
        assertTrue(text.contains("`./playground bench --quick --doc "), text);
        for (String row : new String[] {"| 1 | DSM training step", "| 2 | network forward", "| 2 | forward with third-order jets",
            "| 3 | 𝔥-sampler step", "| 3 | full 𝔥 = 1 sample", "| 4 | PF-ODE NLL + WKB correction",
            "| 4 | PF-ODE NLL only", "| 5 | Fokker–Planck", "| 6 | frame of the running scene"}) {
            assertTrue(text.contains(row), "missing row " + row + "\n" + text);
        }
        assertTrue(text.contains("Hipparchus DormandPrince54 per point"), text);
        assertTrue(text.contains("plain Java floor"), text);
        // the libtorch peer is reported either with its figures or with the reason it is missing
        assertTrue(text.contains("libtorch"), text);
        assertTrue(text.contains("**Machine.**") && text.contains("**Load.**"), text);
        assertTrue(r.out().contains("wrote the table into"), r.out());
        assertTrue(r.err().contains("bench: frames"), r.err());

        CliRun again = run("bench", "--quick", "--sections", "fokker-planck", "--doc", doc.toString());
        assertEquals(0, again.code(), again.err());
        String twice = Files.readString(doc);
        assertEquals(1, twice.split(java.util.regex.Pattern.quote("<!-- bench:begin"), -1).length - 1);
        assertFalse(twice.contains("| 1 | DSM training step"), "a new run replaces the whole section");
    }

    @Test
    void quickRunWritesNoDocumentUnlessAskedAndUnknownSectionsAreRejected() throws Exception {
        CliRun bad = run("bench", "--quick", "--sections", "training,warp-drive");
        assertEquals(PlaygroundCli.EXIT_USAGE, bad.code());
        assertTrue(bad.err().contains("unknown section 'warp-drive'"), bad.err());
        CliRun badRounds = run("bench", "--rounds", "0");
        assertEquals(PlaygroundCli.EXIT_USAGE, badRounds.code());
    }

    @Test
    void aMissingSectionIsAppendedAndAMissingFileCreated() throws Exception {
        String appended = BenchmarksDoc.splice("# Benchmarks\n\nText.\n", "| table |");
        assertTrue(appended.startsWith("# Benchmarks\n\nText.\n\n## The suite: latest run\n\n" + BenchmarksDoc.BEGIN));
        assertTrue(appended.endsWith("| table |\n" + BenchmarksDoc.END + "\n"));
        assertEquals(appended.replace("| table |", "| new |"), BenchmarksDoc.splice(appended, "| new |"));
        Path fresh = dir.resolve("sub").resolve("none.md");
        Files.createDirectories(fresh.getParent());
        BenchmarksDoc.update(fresh, "| t |");
        assertTrue(Files.readString(fresh).contains(BenchmarksDoc.BEGIN + "\n| t |\n" + BenchmarksDoc.END));
    }
}
