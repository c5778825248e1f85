package org.diffusionplayground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.checkpoint.CheckpointIO;
import org.diffusionplayground.model.data.DataSource;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.train.OptimiserSchedule;
import org.diffusionplayground.model.train.TimeSampling;
import org.diffusionplayground.model.train.TrainingConfig;
import org.diffusionplayground.model.train.Weighting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void trainWritesACheckpointThatLoadsBack() throws Exception {
        Path out = dir.resolve("run");
        CliRun r = run("train", "--dataset", "8gaussians", "--size", "2000", "--data-seed", "4", "--schedule", "cosine",
                "--steps", "30", "--batch", "256", "--seed", "1", "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        Checkpoint cp = CheckpointIO.load(out.resolve("model.safetensors"));
        assertEquals(30, cp.card().stepsTrained());
        assertEquals(ScheduleKind.COSINE, cp.schedule().kind());
        assertEquals(new DataSource.BuiltIn(ToyData.GAUSSIANS_8, 2000, 4), cp.dataSource());
        assertEquals("ema", cp.card().weights());
        assertEquals(1, cp.card().seed());
        assertTrue(Double.isFinite(cp.card().finalLoss()));
        // an existing model is not replaced by accident
        CliRun again = run("train", "--dataset", "8gaussians", "--steps", "3", "--out", out.toString(), "--quiet");
        assertEquals(2, again.code());
        assertTrue(again.err().contains("exists; pass --force"), again.err());
    }

    @Test
    void nameChoosesTheFileNamesAndMustBeAPlainName() throws Exception {
        CliRun r = run("train", "--dataset", "swissroll", "--size", "500", "--steps", "3", "--batch", "64",
                "--out", dir.toString(), "--name", "swissroll-simple", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(dir.resolve("swissroll-simple.safetensors")));
        assertEquals(3, CheckpointIO.load(dir.resolve("swissroll-simple.json")).card().stepsTrained());
        CliRun bad = run("train", "--dataset", "swissroll", "--steps", "3", "--out", dir.toString(), "--name", "../x",
                "--quiet");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--name must be a plain file name"), bad.err());
    }

    @Test
    void objectiveOptionTrainsByImplicitScoreMatchingAndTheCardSaysSo() throws Exception {
        Path out = dir.resolve("ism");
        CliRun r = run("train", "--dataset", "moons", "--size", "1000", "--objective", "ism", "--steps", "5", "--batch",
                "128", "--width", "16", "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        Checkpoint cp = CheckpointIO.load(out.resolve("model"));
        assertEquals(org.diffusionplayground.model.train.Objective.ISM, cp.card().training().objectiveOrDsm());
        assertTrue(cp.card().training().summary().contains("ISM"), cp.card().training().summary());
        CliRun bad = run("train", "--dataset", "moons", "--objective", "kl", "--out", dir.resolve("x").toString());
        assertEquals(2, bad.code());
    }

    @Test
    void paperFlagGivesThePapersNetworkAndLoss() throws Exception {
        Path out = dir.resolve("paper");
        CliRun r = run("train", "--paper", "--dataset", "swissroll", "--steps", "4", "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        Checkpoint cp = CheckpointIO.load(out.resolve("model"));
        assertEquals(MlpSpec.paper(), cp.network().spec());
        assertEquals(Weighting.G2, cp.card().training().weighting());
        assertEquals(TimeSampling.GRID_1000, cp.card().training().timeSampling());
        assertEquals(512, cp.card().training().batchSize());
        assertEquals(new DataSource.BuiltIn(ToyData.SWISS_ROLL, 3000, 0), cp.dataSource());
        assertEquals("raw", cp.card().weights());
        assertEquals(org.diffusionplayground.model.train.Objective.DSM, cp.card().training().objectiveOrDsm());
        assertEquals(OptimiserSchedule.CONSTANT, cp.card().training().optimiserScheduleOrConstant(),
                "the paper trains at a constant rate without EMA warm-up");
    }

    @Test
    void withoutPaperTheAppsScheduleIsUsedAndEachPartCanBeChanged() throws Exception {
        Path out = dir.resolve("schedule");
        CliRun r = run("train", "--dataset", "moons", "--size", "500", "--steps", "4", "--batch", "64", "--out",
                out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertEquals(TrainingConfig.fast(ScheduleSpec.of(ScheduleKind.SIMPLE)).optimiserSchedule(),
                CheckpointIO.load(out.resolve("model")).card().training().optimiserSchedule());
        r = run("train", "--dataset", "moons", "--size", "500", "--steps", "4", "--batch", "64", "--lr-decay",
                "constant", "--warmup", "0", "--no-ema-warmup", "--out", out.toString(), "--force", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertEquals(OptimiserSchedule.CONSTANT,
                CheckpointIO.load(out.resolve("model")).card().training().optimiserSchedule());
        assertUsage(run("train", "--dataset", "moons", "--steps", "5", "--final-lr", "2", "--out",
                dir.resolve("bad").toString()), "final learning-rate fraction");
    }

    @Test
    void csvDataIsStoredInTheCheckpoint() throws Exception {
        Path csv = dir.resolve("pts.csv");
        StringBuilder sb = new StringBuilder("x,y\n");
        for (int i = 0; i < 300; i++) {
            sb.append(Math.cos(i)).append(',').append(Math.sin(2 * i)).append('\n');
        }
        Files.writeString(csv, sb);
        Path out = dir.resolve("csv");
        CliRun r = run("train", "--csv", csv.toString(), "--steps", "3", "--batch", "64", "--out", out.toString(),
                "--quiet");
        assertEquals(0, r.code(), r.err());
        Checkpoint cp = CheckpointIO.load(out.resolve("model.json"));
        assertEquals(300, cp.points().size());
        assertEquals("pts.csv", ((DataSource.Imported) cp.dataSource()).fileName());
        assertEquals(0, cp.points().mean()[0], 1e-12, "standardised by default");
    }

    @Test
    void badArgumentsGiveOneClearLineAndExitCode2() throws Exception {
        String out = dir.resolve("x").toString();
        assertUsage(run("train", "--dataset", "mnist", "--out", out), "unknown data set 'mnist'",
                "swissroll, 25gaussians");
        assertUsage(run("train", "--dataset", "moons", "--lr", "-1", "--out", out),
                "learning rate must be in (0, 10], got -1.0");
        assertUsage(run("train", "--dataset", "moons"), "Missing required option: '--out=DIR'");
        assertUsage(run("train", "--dataset", "moons", "--csv", "a.csv", "--out", out), "mutually exclusive");
        assertUsage(run("train", "--dataset", "moons", "--schedule", "QUADRATIC", "--out", out), "--schedule");
        assertUsage(run("train", "--dataset", "moons", "--steps", "5", "--epochs", "2", "--out", out),
                "not both");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "1,2\n3,4\n5,oops\n");
        assertUsage(run("train", "--csv", bad.toString(), "--out", out), "bad.csv, line 3");
        assertUsage(run("frobnicate"), "Unmatched argument");
    }

    private static void assertUsage(CliRun r, String... fragments) {
        assertEquals(2, r.code(), r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "\"" + r.err() + "\" should contain \"" + f + "\"");
        }
        assertTrue(r.err().lines().count() <= 2, "one error line and a hint: " + r.err());
    }

    @Test
    void helpAndVersionWork() {
        assertEquals(0, run("--version").code());
        assertEquals(0, run("train", "--help").code());
    }

    @Test
    void w2EveryPrintsTheSampleQualityAtEachSnapshotAndAtTheEnd() {
        Path out = dir.resolve("w2");
        CliRun r = run("train", "--dataset", "25gaussians", "--size", "1000", "--steps", "40", "--batch", "128",
                "--w2-every", "20", "--w2-samples", "50", "--w2-steps", "20", "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        long lines = r.err().lines().filter(l -> l.startsWith("W2 at step") && l.contains("MMD²")).count();
        assertTrue(lines >= 2, r.err());
        CliRun exponential = run("train", "--dataset", "25gaussians", "--size", "1000", "--steps", "20", "--batch",
                "128", "--w2-every", "20", "--w2-samples", "50", "--w2-steps", "20", "--w2-solver", "exponential",
                "--out", dir.resolve("w2e").toString(), "--quiet");
        assertEquals(0, exponential.code(), exponential.err());
        assertTrue(exponential.err().contains("W2 at step 20"), exponential.err());
        CliRun bad = run("train", "--dataset", "25gaussians", "--steps", "4", "--w2-every", "2", "--w2-samples", "5000",
                "--out", dir.resolve("bad").toString(), "--quiet");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--w2-samples"), bad.err());
    }

    @Test
    void anUnwritableOutputFolderIsReportedBeforeTraining() throws Exception {
        // a folder that cannot be created (a file is in the way) fails the same probe as a read-only one
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        CliRun r = run("train", "--dataset", "swissroll", "--steps", "100000", "--out",
                file.resolve("run").toString(), "--quiet");
        assertEquals(PlaygroundCli.EXIT_FAILED, r.code(), r.err());
        assertTrue(r.err().contains("cannot save the model"), r.err());
        assertTrue(!r.err().contains("training on"), "refused before training: " + r.err());
    }

    @Test
    void aReadOnlyOutputFolderIsReportedBeforeTrainingAndLeavesNoFolder() throws Exception {
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(readOnly),
                    "permission bits do not bind this user (root): the probe cannot be shown failing here");
            CliRun r = run("train", "--dataset", "swissroll", "--steps", "100000", "--out",
                    readOnly.resolve("run").toString(), "--quiet");
            assertEquals(PlaygroundCli.EXIT_FAILED, r.code(), r.err());
            assertTrue(r.err().contains("is not writable"), r.err());
            assertTrue(!r.err().contains("training on"), "refused before training: " + r.err());
            assertTrue(!Files.exists(readOnly.resolve("run")));
        } finally {
            Files.setPosixFilePermissions(readOnly, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aRunThatDivergesBeyondRecoverySavesNothing() throws Exception {
        Path base = dir.resolve("diverged").resolve("model");
        org.diffusionplayground.model.train.TrainingConfig config = org.diffusionplayground.model.train.TrainingConfig
                .defaults(org.diffusionplayground.model.schedule.ScheduleSpec.of(ScheduleKind.SIMPLE)).toBuilder()
                .network(new MlpSpec(16, 2, org.diffusionplayground.model.score.Activation.SILU,
                        org.diffusionplayground.model.score.TimeEmbedding.sinusoidal(8),
                        org.diffusionplayground.model.score.Target.EPSILON))
                .batchSize(64).steps(200).learningRate(10).seed(9).build();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> TrainingRun.trainAndSave(config, org.diffusionplayground.model.data.DataSet.builtIn(
                        ToyData.TWO_MOONS, 1000, 3), base, new java.io.PrintStream(err, true), true,
                        new org.diffusionplayground.model.train.JobOptions(0, 200, 100, 2), null));
        assertTrue(e.getMessage().contains("could not recover"), e.getMessage());
        assertTrue(!Files.exists(CheckpointIO.weightsFile(base)) && !Files.exists(CheckpointIO.cardFile(base)));
        assertTrue(err.toString().contains("rolled back"), err.toString());
    }

    @Test
    void aLearningRateOfTenFailsWithExitCodeOneAndLeavesNoModelNorFolder() {
        Path out = dir.resolve("lr10");
        // no warm-up: rate 10 from the first step (a warm-up and the rollbacks' halving can rescue a large peak)
        CliRun r = run("train", "--dataset", "swissroll", "--size", "2000", "--batch", "256", "--lr", "10",
                "--warmup", "0", "--steps", "300", "--out", out.toString(), "--quiet");
        assertEquals(PlaygroundCli.EXIT_FAILED, r.code(), r.err());
        assertTrue(r.err().contains("the loss jumped") && r.err().contains("could not recover"), r.err());
        assertTrue(!Files.exists(out), "nothing written, not even the folder");
    }
}
