package org.diffusionplayground.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupArchiveTest {

    @Test
    void readsTheArchiveTheClassListAndTheModulesFromTheJvmOptions() {
        StartupArchive a = StartupArchive.fromJvmOptions(List.of("--add-modules=jdk.incubator.vector", "-Xss4m",
                "-Dplayground.startup.archive=/p/target/startup.jsa", "--module-path=/m/a.jar:/m/b.jar",
                "--add-modules=javafx.base,javafx.controls", "-XX:DumpLoadedClassList=/p/target/startup-classes.lst"))
                .orElseThrow();
        assertEquals(Path.of("/p/target/startup.jsa"), a.archive());
        List<String> cmd = a.dumpCommand(Path.of("list"), Path.of("out.jsa"));
        assertEquals(List.of("-Xshare:dump", "-XX:SharedClassListFile=list", "-XX:SharedArchiveFile=out.jsa",
                "--add-modules=jdk.incubator.vector", "--module-path=/m/a.jar:/m/b.jar",
                "--add-modules=javafx.base,javafx.controls"), cmd.subList(1, cmd.size()));
        assertTrue(StartupArchive.fromJvmOptions(List.of("-Xss4m", "--add-modules=jdk.incubator.vector")).isEmpty(),
                "no archive named (tests, the CLI): nothing to refresh");
    }

    @Test
    void writesWhenRecordingDeletesWhenRejectedAndOtherwiseLeavesTheArchiveAlone() {
        String named = "-Dplayground.startup.archive=/p/startup.jsa";
        StartupArchive recording = StartupArchive.fromJvmOptions(List.of(named, "-XX:DumpLoadedClassList=/p/c.lst"))
                .orElseThrow();
        assertEquals(StartupArchive.Action.WRITE, recording.action(true), "JDK archive in use, ours missing");
        StartupArchive mapping = StartupArchive.fromJvmOptions(List.of(named, "-XX:SharedArchiveFile=/p/startup.jsa"))
                .orElseThrow();
        assertEquals(StartupArchive.Action.NOTHING, mapping.action(true));
        assertEquals(StartupArchive.Action.DELETE_STALE, mapping.action(false), "the JVM rejected it");
        assertEquals(StartupArchive.Action.NOTHING,
                StartupArchive.fromJvmOptions(List.of(named)).orElseThrow().action(true), "nothing recorded");
    }

    @Test
    void leavesOutTheLineTheRunningJvmIsStillWriting() {
        assertArrayEquals("a/B\nc/D\n".getBytes(StandardCharsets.UTF_8),
                StartupArchive.completeLines("a/B\nc/D\ne/F".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals("a/B\n".getBytes(StandardCharsets.UTF_8),
                StartupArchive.completeLines("a/B\n".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals(new byte[0], StartupArchive.completeLines("a/B".getBytes(StandardCharsets.UTF_8)));
    }

    /** A real dump: the archive maps with -Xshare:on, which refuses to start on an unusable archive. */
    @Test
    void writesAnArchiveTheJvmMaps(@TempDir Path dir) throws Exception {
        Path list = dir.resolve("classes.lst");
        Files.writeString(list, "java/lang/Object\njava/lang/String\njava/util/ArrayList\njava/util/concurrent/Con",
                StandardCharsets.UTF_8);
        Path archive = dir.resolve("startup.jsa");
        StartupArchive a = StartupArchive.fromJvmOptions(List.of("-Dplayground.startup.archive=" + archive,
                "-XX:DumpLoadedClassList=" + list, "--add-modules=jdk.incubator.vector")).orElseThrow();
        assertTrue(a.write(Duration.ofMinutes(2)), () -> log(archive));
        assertTrue(Files.size(archive) > 0);
        assertFalse(Files.exists(dir.resolve("startup.jsa.tmp")), "the temporary archive was moved into place");
        assertFalse(Files.exists(dir.resolve("startup.jsa.classes.tmp")), "the copied class list is removed");

        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "--add-modules=jdk.incubator.vector", "-version")
                .redirectErrorStream(true).start();
        String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(java.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, java.exitValue(), out);
        assertTrue(out.contains("sharing"), out);
    }

    @Test
    void aFailedDumpKeepsThePreviousArchive(@TempDir Path dir) throws Exception {
        Path list = dir.resolve("classes.lst");
        Files.writeString(list, "java/lang/Object\n");
        Path archive = dir.resolve("startup.jsa");
        byte[] previous = {1, 2, 3};
        Files.write(archive, previous);
        StartupArchive a = StartupArchive.fromJvmOptions(List.of("-Dplayground.startup.archive=" + archive,
                "-XX:DumpLoadedClassList=" + list, "--add-modules=no.such.module")).orElseThrow();
        assertFalse(a.write(Duration.ofMinutes(2)), "the dump JVM cannot start without its module");
        assertArrayEquals(previous, Files.readAllBytes(archive));
        assertFalse(Files.exists(dir.resolve("startup.jsa.tmp")));
        assertTrue(log(archive).contains("no.such.module"), log(archive));
    }

    private static String log(Path archive) {
        try {
            return Files.readString(archive.resolveSibling(archive.getFileName() + ".log"));
        } catch (java.io.IOException e) {
            return "no log: " + e;
        }
    }
}
