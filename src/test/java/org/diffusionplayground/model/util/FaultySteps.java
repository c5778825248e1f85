package org.diffusionplayground.model.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * {@link FileSteps} that fail or "crash" at a chosen step. A failure is an IOException from the step
 * (nothing of it done); a crash copies the folder as it is after the step, which is what a process that
 * died there would leave on disk, and then throws {@link Crash} so that no clean-up of the save runs.
 */
public final class FaultySteps implements FileSteps {

    /** The process died. */
    public static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Crash(int step) {
            super("crash after step " + step);
        }
    }

    private final int failFrom;
    private final int failTo;
    private final int crashAfter;
    private final Path live;
    private final Path disk;
    private int calls;

    private FaultySteps(int failFrom, int failTo, int crashAfter, Path live, Path disk) {
        this.failFrom = failFrom;
        this.failTo = failTo;
        this.crashAfter = crashAfter;
        this.live = live;
        this.disk = disk;
    }

    /** Step {@code k} (1-based) fails; the others work. */
    public static FaultySteps failingAt(int k) {
        return new FaultySteps(k, k, -1, null, null);
    }

    /** Step {@code k} and every later one fail (the disk went away). */
    public static FaultySteps failingFrom(int k) {
        return new FaultySteps(k, Integer.MAX_VALUE, -1, null, null);
    }

    /** After step {@code k} (0: before the first) the folder {@code live} is copied to {@code disk}, then Crash. */
    public static FaultySteps crashingAfter(int k, Path live, Path disk) throws IOException {
        return new FaultySteps(Integer.MAX_VALUE, Integer.MAX_VALUE, k, live, disk);
    }

    public int calls() {
        return calls;
    }

    private void step() throws IOException {
        if (crashAfter == 0 && calls == 0) {
            crash();
        }
        calls++;
        if (calls >= failFrom && calls <= failTo) {
            throw new IOException("injected failure at step " + calls);
        }
    }

    private void after() throws IOException {
        if (calls == crashAfter) {
            crash();
        }
    }

    private void crash() throws IOException {
        copy(live, disk);
        throw new Crash(calls);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Override
    public void write(Path target, byte[] bytes) throws IOException {
        step();
        DISK.write(target, bytes);
        after();
    }

    @Override
    public void move(Path from, Path to) throws IOException {
        step();
        DISK.move(from, to);
        after();
    }

    @Override
    public void keep(Path existing, Path copy) throws IOException {
        step();
        DISK.keep(existing, copy);
        after();
    }

    @Override
    public void delete(Path file) throws IOException {
        step();
        DISK.delete(file);
        after();
    }
}
