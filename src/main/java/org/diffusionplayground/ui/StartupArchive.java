package org.diffusionplayground.ui;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The class-data-sharing (CDS) archive that makes the next start faster: the JDK and JavaFX classes the
 * window loaded, parsed, verified and laid out once and mapped from a file at the next start instead of
 * loaded from the jars again (issue 5: open in ≤ 3 s; docs/benchmarks.md, "Desktop app": the first
 * animated frame 0.25-0.45 s earlier, 0.4-0.8 s less CPU).
 *
 * <p>{@code ./mvnw javafx:run} starts the JVM with {@code -XX:SharedArchiveFile=target/startup.jsa}, and
 * while that file is missing also with {@code -XX:DumpLoadedClassList=target/startup-classes.lst} (pom.xml;
 * recording the list costs about 0.2 s of start-up, so only the start that needs it records it). Such a
 * start writes the archive in the background a little after the window opened: a second JVM runs
 * {@code -Xshare:dump} over the classes this run loaded, with this run's module path. An archive the JVM
 * rejects (made by another JDK or JavaFX: the JVM then silently runs without any archive) is deleted, so
 * the start after records the list again.
 *
 * <p>Why not the app's own classes too: Java 17 archives the class path only from jars and only when the
 * dump's class path is a prefix of the run's, and {@code javafx:run} puts {@code target/classes}, a
 * directory, first. The JavaFX jars are on the module path, which has no such rule; classes the
 * archive lacks load as usual. Lines of the class list naming class-path classes are skipped by the dump.
 */
final class StartupArchive {

    private static final String ARCHIVE_FLAG = "-XX:SharedArchiveFile=";
    private static final String CLASS_LIST_FLAG = "-XX:DumpLoadedClassList=";
    private static final String MODULE_PATH = "--module-path=";
    private static final String ADD_MODULES = "--add-modules=";

    private final Path archive;
    /** Where this JVM records the classes it loads; null when it does not. */
    private final Path classList;
    private final List<String> moduleOptions;

    StartupArchive(Path archive, Path classList, List<String> moduleOptions) {
        this.archive = archive;
        this.classList = classList;
        this.moduleOptions = List.copyOf(moduleOptions);
    }

    /**
     * The archive named by this JVM's options, if it was started with one (as {@code javafx:run} does; the
     * tests and the CLI are not).
     */
    static Optional<StartupArchive> ofThisJvm() {
        return fromJvmOptions(ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /** The archive, class list and module options from a JVM's input arguments (as the JVM reports them). */
    static Optional<StartupArchive> fromJvmOptions(List<String> options) {
        Path archive = null;
        Path classList = null;
        List<String> modules = new ArrayList<>();
        for (String o : options) {
            if (o.startsWith(ARCHIVE_FLAG)) {
                archive = Path.of(o.substring(ARCHIVE_FLAG.length()));
            } else if (o.startsWith(CLASS_LIST_FLAG)) {
                classList = Path.of(o.substring(CLASS_LIST_FLAG.length()));
            } else if (o.startsWith(MODULE_PATH) || o.startsWith(ADD_MODULES)) {
                modules.add(o);
            }
        }
        return archive == null ? Optional.empty() : Optional.of(new StartupArchive(archive, classList, modules));
    }

    Path archive() {
        return archive;
    }

    /**
     * True when this JVM maps the archive: with {@code -XX:SharedArchiveFile} given, "sharing" in the VM's
     * info means that archive was accepted; a missing, foreign or stale one leaves the JVM without CDS.
     */
    boolean inUse() {
        return String.valueOf(System.getProperty("java.vm.info")).contains("sharing") && Files.isRegularFile(archive);
    }

    /** The command that dumps the classes of {@code list} into {@code out} with this JVM's modules. */
    List<String> dumpCommand(Path list, Path out) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xshare:dump");
        cmd.add("-XX:SharedClassListFile=" + list);
        cmd.add(ARCHIVE_FLAG + out);
        cmd.addAll(moduleOptions);
        return cmd;
    }

    /**
     * Writes the archive from the classes loaded so far: copies the class list up to its last complete
     * line (this JVM is still writing it), dumps into a temporary file and moves that into place, so a
     * start during the dump never maps half an archive. The dump's output goes to {@code <archive>.log}.
     *
     * @return true if the archive was written
     */
    boolean write(Duration timeout) throws IOException, InterruptedException {
        Path dir = archive.toAbsolutePath().getParent();
        String name = archive.getFileName().toString();
        Path list = dir.resolve(name + ".classes.tmp");
        Path out = dir.resolve(name + ".tmp");
        Path log = dir.resolve(name + ".log");
        Files.write(list, completeLines(Files.readAllBytes(classList)));
        Files.deleteIfExists(out);
        Process p = new ProcessBuilder(dumpCommand(list, out)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        Files.deleteIfExists(list);
        if (!done || p.exitValue() != 0 || !Files.isRegularFile(out)) {
            Files.deleteIfExists(out);
            return false;
        }
        archive.toFile().setWritable(true); // the JVM writes archives read-only; Windows refuses to replace those
        Files.move(out, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /** The text up to and including its last line break: a line still being written is left out. */
    static byte[] completeLines(byte[] text) {
        int end = text.length;
        while (end > 0 && text[end - 1] != '\n') {
            end--;
        }
        return java.util.Arrays.copyOf(text, end);
    }

    /**
     * Unless the archive is in use: writes it on a background thread after {@code delay} (once the window
     * is up and the first likelihood run has had the cores) if this run recorded its classes, else deletes
     * the rejected archive so the next start records them. Failures only cost the next start its speed-up,
     * so they are reported in one line and otherwise ignored.
     */
    static void refreshIfUnused(Duration delay) {
        ofThisJvm().filter(a -> !a.inUse()).ifPresent(a -> a.refresh(delay));
    }

    private void refresh(Duration delay) {
        if (classList == null) {
            try {
                archive.toFile().setWritable(true);
                if (Files.deleteIfExists(archive)) {
                    System.err.println("Diffusion Playground: the start-up archive " + archive + " was made by "
                            + "another JDK or JavaFX; the next start records a new one");
                }
            } catch (IOException e) {
                System.err.println("Diffusion Playground: could not delete the stale start-up archive: " + e);
            }
            return;
        }
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(delay.toMillis());
                System.err.println(write(Duration.ofMinutes(2))
                        ? "Diffusion Playground: wrote the start-up archive " + archive + " (the next start maps it)"
                        : "Diffusion Playground: could not write the start-up archive; see " + archive + ".log");
            } catch (IOException e) {
                System.err.println("Diffusion Playground: could not write the start-up archive: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "startup-archive");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }
}
