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
 * loaded from the jars again (docs/benchmarks.md, "Desktop app", has what it saves).
 *
 * <p>{@code ./mvnw javafx:run} names the archive with {@code -Dplayground.startup.archive=target/startup.jsa}
 * and maps it with {@code -XX:SharedArchiveFile} when the file exists; while it is missing, the JVM keeps
 * the JDK's own archive and records the classes it loads with {@code -XX:DumpLoadedClassList} instead
 * (pom.xml, profile record-startup-classes; recording slows the start, so only the start that needs
 * the list records it). Such a start writes the archive in the background a little after the
 * window opened: a second JVM runs {@code -Xshare:dump} over the classes this run loaded, with this run's
 * module path. An archive the JVM rejects (made by another JDK or JavaFX: the JVM then silently runs
 * without any archive) is deleted, so the start after records the list again.
 *
 * <p>Why not the app's own classes too: Java 17 archives the class path only from jars and only when the
 * dump's class path is a prefix of the run's, and {@code javafx:run} puts {@code target/classes}, a
 * directory, first. The JavaFX jars are on the module path, which has no such rule; classes the
 * archive lacks load as usual. Lines of the class list naming class-path classes are skipped by the dump.
 */
final class StartupArchive {

    private static final String ARCHIVE_PROPERTY = "-Dplayground.startup.archive=";
    private static final String ARCHIVE_FLAG = "-XX:SharedArchiveFile=";
    private static final String CLASS_LIST_FLAG = "-XX:DumpLoadedClassList=";
    private static final String MODULE_PATH = "--module-path=";
    private static final String ADD_MODULES = "--add-modules=";

    /** What a start does about the archive once the window is up. */
    enum Action {
        /** The JVM maps the archive (or this is not a javafx:run start that records classes). */
        NOTHING,
        /** No archive yet and this start recorded its classes: dump them into one. */
        WRITE,
        /** The JVM rejected the archive it was given: delete it, so the next start records afresh. */
        DELETE_STALE
    }

    private final Path archive;
    /** True if this JVM was asked to map the archive (it existed when javafx:run started). */
    private final boolean mapped;
    /** Where this JVM records the classes it loads; null when it does not. */
    private final Path classList;
    private final List<String> moduleOptions;

    private StartupArchive(Path archive, boolean mapped, Path classList, List<String> moduleOptions) {
        this.archive = archive;
        this.mapped = mapped;
        this.classList = classList;
        this.moduleOptions = List.copyOf(moduleOptions);
    }

    /**
     * The archive named by this JVM's options, if it names one (as {@code javafx:run} does; the tests and
     * the CLI do not).
     */
    static Optional<StartupArchive> ofThisJvm() {
        return fromJvmOptions(ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /** The archive, class list and module options from a JVM's input arguments (as the JVM reports them). */
    static Optional<StartupArchive> fromJvmOptions(List<String> options) {
        Path archive = null;
        boolean mapped = false;
        Path classList = null;
        List<String> modules = new ArrayList<>();
        for (String o : options) {
            if (o.startsWith(ARCHIVE_PROPERTY)) {
                archive = Path.of(o.substring(ARCHIVE_PROPERTY.length()));
            } else if (o.startsWith(ARCHIVE_FLAG)) {
                mapped = true;
            } else if (o.startsWith(CLASS_LIST_FLAG)) {
                classList = Path.of(o.substring(CLASS_LIST_FLAG.length()));
            } else if (o.startsWith(MODULE_PATH) || o.startsWith(ADD_MODULES)) {
                modules.add(o);
            }
        }
        return archive == null ? Optional.empty()
                : Optional.of(new StartupArchive(archive, mapped, classList, modules));
    }

    Path archive() {
        return archive;
    }

    /**
     * What to do, given whether the JVM shares classes ("sharing" in {@code java.vm.info}): with
     * {@code -XX:SharedArchiveFile} given, sharing means that archive was accepted, and a foreign or stale
     * one leaves the JVM without any archive.
     */
    Action action(boolean vmSharing) {
        if (mapped) {
            return vmSharing ? Action.NOTHING : Action.DELETE_STALE;
        }
        return classList != null ? Action.WRITE : Action.NOTHING;
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
        boolean sharing = String.valueOf(System.getProperty("java.vm.info")).contains("sharing");
        ofThisJvm().ifPresent(a -> {
            switch (a.action(sharing)) {
                case WRITE -> a.writeLater(delay);
                case DELETE_STALE -> a.deleteStale();
                case NOTHING -> { }
            }
        });
    }

    private void deleteStale() {
        try {
            archive.toFile().setWritable(true);
            if (Files.deleteIfExists(archive)) {
                System.err.println("Diffusion Playground: the start-up archive " + archive + " was made by another "
                        + "JDK or JavaFX; the next start records a new one");
            }
        } catch (IOException e) {
            System.err.println("Diffusion Playground: could not delete the stale start-up archive: " + e);
        }
    }

    /**
     * Writes the archive after {@code delay}, or at once when the app is closed before then. The app's exit
     * waits for the dump (up to its timeout): the archive is moved into place by this JVM, so a dump that
     * outlived it would never be used (what happened when the window was closed within the first half
     * minute).
     */
    private void writeLater(Duration delay) {
        java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                // the delay, or less when the app closes first: then write now, with the classes loaded so far
                closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closing.countDown();
            try {
                t.join(Duration.ofMinutes(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "startup-archive-on-exit"));
    }
}
