package org.diffusionplayground.preset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.checkpoint.CheckpointIO;
import org.diffusionplayground.model.util.AtomicFiles;

/**
 * Keeps the current scene on disk while the app runs, so a crash, a kill or a power cut loses nothing:
 * each running app has its own folder {@code <autosave dir>/<pid>/} with the scene as a preset
 * ({@value #SCENE}), its model when it is not a bundled one ({@value #MODEL}.safetensors/.json: a trained
 * network, drawn data inside it), and {@value #SESSION} (process id, start, last save, the file the scene
 * came from). A clean exit deletes the folder; at the next start, folders of processes that are no longer
 * alive are {@link #orphans() offered for restoring}. The folder is the system property
 * {@value #DIR_PROPERTY} (tests set it), else {@code ~/.diffusion-playground/autosave}.
 */
public final class Autosave {

    public static final String DIR_PROPERTY = "playground.autosave.dir";
    static final String SCENE = "scene.json";
    static final String MODEL = "scene.model";
    static final String SESSION = "session.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Path dir;
    private final long pid;
    private final Instant started = Instant.now();

    /** A scene a previous run left behind. */
    public record Orphan(Path dir, long pid, Instant savedAt, String title, Path origin) {
        /** The autosaved scene, as a preset file whose references resolve in the orphan's folder. */
        public Path scene() {
            return dir.resolve(SCENE);
        }
    }

    private Autosave(Path root, long pid) {
        this.root = root;
        this.pid = pid;
        this.dir = root.resolve(Long.toString(pid));
    }

    /** The autosave of this process in {@code root}. */
    public static Autosave forThisProcess(Path root) {
        return new Autosave(root, ProcessHandle.current().pid());
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

    /** This process's folder. */
    public Path dir() {
        return dir;
    }

    /**
     * Saves the scene. A model that is not a bundled asset ({@code checkpoint} non-null) is saved next to
     * it and the preset refers to it by the relative name {@value #MODEL}; {@code origin} is the file the
     * scene was opened from or last saved to (null for an untitled scene).
     */
    public void save(Preset scene, Checkpoint checkpoint, Path origin) throws IOException {
        Files.createDirectories(dir);
        Preset p = scene;
        if (checkpoint != null) {
            CheckpointIO.save(dir.resolve(MODEL), checkpoint);
            p = withModel(p, new Preset.Model(Preset.ModelSource.CHECKPOINT, MODEL));
        }
        ObjectNode session = JSON.createObjectNode();
        session.put("pid", pid);
        session.put("started", started.toString());
        session.put("savedAt", Instant.now().toString());
        session.put("title", p.title());
        if (origin != null) {
            session.put("origin", origin.toAbsolutePath().toString());
        }
        // the scene last: an orphan is recognised by its scene file, so when it is there its session is too
        AtomicFiles.write(dir.resolve(SESSION), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(session),
                AtomicFiles.Existing.REPLACE);
        PresetIO.write(dir.resolve(SCENE), p, AtomicFiles.Existing.REPLACE);
    }

    static Preset withModel(Preset p, Preset.Model model) {
        return new Preset(p.format(), p.version(), p.title(), p.description(), p.data(), p.schedule(), model,
                p.training(), p.sampler(), p.split(), p.animation(), p.view(), p.export());
    }

    /** Removes this process's autosave (a clean exit, or the user closed the scene without saving). */
    public void clear() throws IOException {
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
                if (!name.matches("\\d{1,19}") || d.equals(dir) || !Files.isRegularFile(d.resolve(SCENE))) {
                    continue;
                }
                long otherPid = Long.parseLong(name);
                if (ProcessHandle.of(otherPid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue; // another window of the app is running and owns it
                }
                out.add(read(d, otherPid));
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(Comparator.comparing(Orphan::savedAt).reversed());
        return out;
    }

    private static Orphan read(Path d, long pid) {
        Instant savedAt = Instant.EPOCH;
        String title = "Untitled scene";
        Path origin = null;
        try {
            JsonNode s = JSON.readTree(Files.readString(d.resolve(SESSION), StandardCharsets.UTF_8));
            savedAt = Instant.parse(s.path("savedAt").asText());
            title = s.path("title").asText(title);
            origin = s.hasNonNull("origin") ? Path.of(s.get("origin").asText()) : null;
        } catch (IOException | RuntimeException e) {
            try {
                savedAt = Files.getLastModifiedTime(d.resolve(SCENE)).toInstant();
            } catch (IOException ignored) {
                // keep the epoch: it sorts last
            }
        }
        return new Orphan(d, pid, savedAt, title, origin);
    }

    /** Deletes an orphan (after it was restored into this session, or the user discarded it). */
    public void discard(Orphan orphan) throws IOException {
        if (!orphan.dir().toAbsolutePath().normalize().startsWith(root.toAbsolutePath().normalize())) {
            throw new IOException(orphan.dir() + " is not an autosave folder");
        }
        deleteTree(orphan.dir());
    }

    private static void deleteTree(Path d) throws IOException {
        if (!Files.exists(d)) {
            return;
        }
        try (Stream<Path> files = Files.walk(d)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
