package org.diffusionplayground.preset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.diffusionplayground.model.util.AtomicFiles;
import org.diffusionplayground.model.util.InputFiles;

/**
 * The presets opened or saved most recently, newest first, at most {@value #MAX}, kept in a small JSON
 * file ({@code recent-files.json} beside the autosave folder). A damaged list is treated as empty: it is
 * a convenience, never a reason not to start.
 */
public final class RecentFiles {

    public static final int MAX = 10;
    private static final ObjectMapper JSON = new ObjectMapper(new org.diffusionplayground.model.util.JsonLimits(8,
            10_000, 40, 1 << 20).factory());

    private final Path store;

    public RecentFiles(Path store) {
        this.store = store;
    }

    /** The list next to the autosave folder {@code autosaveRoot}. */
    public static RecentFiles beside(Path autosaveRoot) {
        Path abs = autosaveRoot.toAbsolutePath();
        return new RecentFiles((abs.getParent() != null ? abs.getParent() : abs).resolve("recent-files.json"));
    }

    public List<Path> load() {
        List<Path> out = new ArrayList<>();
        try {
            if (!Files.isRegularFile(store)) {
                return out;
            }
            JsonNode tree = JSON.readTree(InputFiles.read(store, 1 << 20, "list of recent files"));
            if (tree != null && tree.isArray()) {
                for (JsonNode n : tree) {
                    if (n.isTextual() && out.size() < MAX) {
                        out.add(Path.of(n.asText()));
                    }
                }
            }
        } catch (IOException | InvalidPathException e) {
            return new ArrayList<>();
        }
        return out;
    }

    /** Puts {@code file} first (once) and saves; returns the new list. */
    public List<Path> add(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        List<Path> list = load();
        list.remove(abs);
        list.add(0, abs);
        while (list.size() > MAX) {
            list.remove(list.size() - 1);
        }
        save(list);
        return list;
    }

    /** Drops a file that is gone; returns the new list. */
    public List<Path> remove(Path file) throws IOException {
        List<Path> list = load();
        list.remove(file.toAbsolutePath().normalize());
        save(list);
        return list;
    }

    private void save(List<Path> list) throws IOException {
        ArrayNode a = JSON.createArrayNode();
        list.forEach(p -> a.add(p.toString()));
        Files.createDirectories(store.toAbsolutePath().getParent());
        AtomicFiles.write(store, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(a),
                AtomicFiles.Existing.REPLACE);
    }
}
