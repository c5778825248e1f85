package org.diffusionplayground.preset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.checkpoint.CheckpointIO;
import org.diffusionplayground.model.util.AtomicFiles;
import org.diffusionplayground.model.util.FileSteps;
import org.diffusionplayground.model.util.InputFiles;
import org.diffusionplayground.model.util.JsonLimits;

/**
 * Keeps the current scene on disk while the app runs, so a crash, a kill or a power cut loses nothing.
 *
 * <p>Each running app has its own folder {@code <autosave dir>/<session id>/}, named by a random id (not
 * the process id: inside containers and sandboxes the next start often gets the same pid) and held by a
 * lock on {@value #LOCK} that the operating system releases when the process dies, however it dies. The
 * folder holds the scene as a preset ({@value #SCENE}), its model when it is not a bundled one
 * ({@code model-<checksum>.safetensors/.json}: a trained network, drawn data inside it) and {@value #SESSION}
 * (process id, start, last save, the file the scene came from).
 *
 * <p>A save is all-or-nothing: the model goes under a name made of its checksum, so it never replaces the
 * model the previous scene refers to; the scene is written last, atomically, and is the commit; models no
 * scene refers to are deleted after it. A crash at any point leaves the previous scene with its own model.
 *
 * <p>A clean exit deletes the folder. At the next start, folders whose lock is free are
 * {@link #orphans() offered for restoring}; one that cannot be restored is {@link #moveAside moved aside}
 * once (renamed {@code <id>.broken}) and not offered again. The folder is the system property
 * {@value #DIR_PROPERTY} (tests set it), else {@code ~/.diffusion-playground/autosave}.
 */
public final class Autosave {

    public static final String DIR_PROPERTY = "playground.autosave.dir";
    static final String SCENE = "scene.json";
    static final String SESSION = "session.json";
    static final String LOCK = "session.lock";
    static final String MODEL_PREFIX = "model-";
    static final String BROKEN_SUFFIX = ".broken";
    /** A temporary file or an empty session folder untouched this long belongs to no running save. */
    static final Duration STALE = Duration.ofHours(1);
    private static final long MAX_SESSION_BYTES = 64 << 10;

    private static final ObjectMapper JSON = new ObjectMapper(new JsonLimits(8, 10_000, 40, MAX_SESSION_BYTES)
            .factory());
    /** Session folders locked by this JVM (a second lock on them from this JVM would throw, not fail). */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path root;
    private final Path dir;
    private final long pid;
    private final Instant started = Instant.now();
    private final FileSteps steps;
    private FileChannel lockChannel;
    private FileLock lock;

    /** A scene a previous run left behind; {@code pid} is the process id it had (-1 when unknown). */
    public record Orphan(Path dir, long pid, Instant savedAt, String title, Path origin) {
        /** The autosaved scene, as a preset file whose references resolve in the orphan's folder. */
        public Path scene() {
            return dir.resolve(SCENE);
        }
    }

    Autosave(Path root, String sessionId, FileSteps steps) {
        this.root = root;
        this.dir = root.resolve(sessionId);
        this.pid = ProcessHandle.current().pid();
        this.steps = steps;
    }

    /** A new autosave session of this process in {@code root}; stale leftovers of earlier runs are cleaned. */
    public static Autosave forThisProcess(Path root) {
        Autosave a = new Autosave(root, newSessionId(), FileSteps.DISK);
        a.cleanStale();
        return a;
    }

    static String newSessionId() {
        return UUID.randomUUID().toString();
    }

    /** The autosave folder from {@value #DIR_PROPERTY}, else {@code ~/.diffusion-playground/autosave}. */
    public static Path defaultRoot() {
        String property = System.getProperty(DIR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        return Path.of(System.getProperty("user.home"), ".diffusion-playground", "autosave");
    }

    public Path root() {
        return root;
    }

    /** This session's folder. */
    public Path dir() {
        return dir;
    }

    /**
     * Saves the scene. A model that is not a bundled asset ({@code checkpoint} non-null) is saved next to
     * it and the preset refers to it by its relative name; {@code origin} is the file the scene was opened
     * from or last saved to (null for an untitled scene).
     */
    public synchronized void save(Preset scene, Checkpoint checkpoint, Path origin) throws IOException {
        Files.createDirectories(dir);
        holdLock();
        Preset p = scene;
        String model = null;
        if (checkpoint != null) {
            model = MODEL_PREFIX + CheckpointIO.contentId(checkpoint);
            Path base = dir.resolve(model);
            if (!Files.isRegularFile(CheckpointIO.cardFile(base))) {
                CheckpointIO.save(base, checkpoint, steps);
            }
            p = withModel(p, new Preset.Model(Preset.ModelSource.CHECKPOINT, model));
        }
        ObjectNode session = JSON.createObjectNode();
        session.put("pid", pid);
        session.put("started", started.toString());
        session.put("savedAt", Instant.now().toString());
        session.put("title", p.title());
        if (origin != null) {
            session.put("origin", origin.toAbsolutePath().toString());
        }
        steps.write(dir.resolve(SESSION), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(session));
        // the scene last, atomically: it is the commit, and names the only model that is kept
        steps.write(dir.resolve(SCENE), PresetIO.bytesToWrite(dir.resolve(SCENE), p));
        deleteModelsOtherThan(model);
    }

    private void deleteModelsOtherThan(String model) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                boolean aModel = name.startsWith(MODEL_PREFIX) || name.startsWith("." + MODEL_PREFIX)
                        || name.startsWith("scene.model."); // the name older versions used
                if (aModel && (model == null || !name.startsWith(model + ".") && !name.startsWith("." + model + "."))) {
                    steps.delete(f);
                }
            }
        } catch (IOException e) {
            // an unused model left behind costs disk space only; the next save tries again
        }
    }

    static Preset withModel(Preset p, Preset.Model model) {
        return new Preset(p.format(), p.version(), p.title(), p.description(), p.data(), p.schedule(), model,
                p.training(), p.sampler(), p.split(), p.animation(), p.view(), p.export());
    }

    /** Takes this session's lock (once); it is released by {@link #clear} or when the process ends. */
    private void holdLock() throws IOException {
        if (lock != null) {
            return;
        }
        FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                throw new IOException("the autosave folder " + dir + " is in use by another window of the app");
            }
            lockChannel = ch;
            lock = l;
            HELD.add(key(dir));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Lets go of the lock without deleting anything: what a crash does (tests). */
    synchronized void releaseLock() throws IOException {
        HELD.remove(key(dir));
        if (lockChannel != null) {
            lockChannel.close(); // releases the lock
        }
        lockChannel = null;
        lock = null;
    }

    /** Removes this session's autosave (a clean exit, or the user closed the scene without saving). */
    public synchronized void clear() throws IOException {
        releaseLock();
        deleteTree(dir);
    }

    /** Scenes of earlier runs that did not exit cleanly, newest first. */
    public List<Orphan> orphans() {
        List<Orphan> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String name = d.getFileName().toString();
                if (name.startsWith(".") || name.endsWith(BROKEN_SUFFIX) || d.equals(dir)
                        || !Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)
                        || !Files.isRegularFile(d.resolve(SCENE)) || isLive(d)) {
                    continue;
                }
                out.add(read(d));
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(Comparator.comparing(Orphan::savedAt).reversed());
        return out;
    }

    /** True while the process that owns the folder runs (it holds the lock on {@value #LOCK}). */
    private static boolean isLive(Path d) {
        if (HELD.contains(key(d))) {
            return true;
        }
        Path lockFile = d.resolve(LOCK);
        if (!Files.isRegularFile(lockFile, LinkOption.NOFOLLOW_LINKS)) {
            return false; // older versions named folders by pid and took no lock: treated as left behind
        }
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return false; // held by this JVM, but not by a session it is running (the folder was moved)
        } catch (IOException e) {
            return true; // cannot tell: leave it to its owner
        }
    }

    private static Path key(Path d) {
        return d.toAbsolutePath().normalize();
    }

    private static Orphan read(Path d) {
        Instant savedAt = Instant.EPOCH;
        String title = "Untitled scene";
        Path origin = null;
        long pid = -1;
        try {
            JsonNode s = JSON.readTree(InputFiles.read(d.resolve(SESSION), MAX_SESSION_BYTES, "autosave session"));
            savedAt = Instant.parse(s.path("savedAt").asText());
            title = s.path("title").asText(title);
            pid = s.path("pid").asLong(-1);
            origin = s.hasNonNull("origin") ? Path.of(s.get("origin").asText()) : null;
        } catch (IOException | RuntimeException e) {
            try {
                savedAt = Files.getLastModifiedTime(d.resolve(SCENE)).toInstant();
            } catch (IOException ignored) {
                // keep the epoch: it sorts last
            }
        }
        if (pid < 0 && d.getFileName().toString().matches("\\d{1,18}")) {
            pid = Long.parseLong(d.getFileName().toString());
        }
        return new Orphan(d, pid, savedAt, title, origin);
    }

    /** Deletes an orphan (after it was restored into this session, or the user discarded it). */
    public void discard(Orphan orphan) throws IOException {
        deleteTree(inRoot(orphan));
    }

    /**
     * Renames an orphan that could not be restored to {@code <id>.broken} in the autosave folder, so it is
     * not offered again but nothing in it is lost; returns the new folder.
     */
    public Path moveAside(Orphan orphan) throws IOException {
        Path d = inRoot(orphan);
        Path target = d.resolveSibling(d.getFileName() + BROKEN_SUFFIX);
        for (int i = 2; Files.exists(target, LinkOption.NOFOLLOW_LINKS); i++) {
            target = d.resolveSibling(d.getFileName() + "-" + i + BROKEN_SUFFIX);
        }
        return Files.move(d, target);
    }

    private Path inRoot(Orphan orphan) throws IOException {
        Path d = orphan.dir().toAbsolutePath().normalize();
        if (!d.startsWith(root.toAbsolutePath().normalize()) || d.equals(root.toAbsolutePath().normalize())) {
            throw new IOException(orphan.dir() + " is not an autosave folder");
        }
        return d;
    }

    /**
     * Removes what interrupted runs left and nobody will use: temporary files of atomic writes and
     * session folders without a scene, both untouched for {@link #STALE} and not locked by a live run.
     */
    void cleanStale() {
        if (!Files.isDirectory(root)) {
            return;
        }
        Instant before = Instant.now().minus(STALE);
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) || isLive(d)) {
                    continue;
                }
                AtomicFiles.deleteStaleTemporaries(d, before);
                if (!Files.exists(d.resolve(SCENE)) && !d.getFileName().toString().endsWith(BROKEN_SUFFIX)
                        && Files.getLastModifiedTime(d).toInstant().isBefore(before)) {
                    deleteTree(d);
                }
            }
        } catch (IOException e) {
            // cleaning is a courtesy; the autosave works without it
        }
    }

    private static void deleteTree(Path d) throws IOException {
        if (!Files.exists(d, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(d)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
