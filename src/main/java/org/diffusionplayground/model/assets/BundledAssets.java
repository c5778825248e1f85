package org.diffusionplayground.model.assets;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the files the app ships in {@code assets/} (pretrained checkpoints, icons) wherever the app runs
 * from, independent of the working directory. In this order:
 * <ol>
 *   <li>the directory named by the system property {@value #DIRECTORY_PROPERTY} or, failing that, the
 *       environment variable {@value #DIRECTORY_ENV}: when one is set it is the only place searched, so
 *       an override never silently falls back to other files;</li>
 *   <li>the project the classes were built in ({@code <project>/assets}, found from the location of these
 *       classes: {@code target/classes} or {@code target/*.jar}): files edited there are used without a
 *       rebuild;</li>
 *   <li>the class path, {@code /assets/...} (the build copies {@code assets/} into the jar), read
 *       straight from the jar through its zip file system;</li>
 *   <li>{@code assets/} in the working directory or one of its parents.</li>
 * </ol>
 * The result is a {@link Path} that {@link java.nio.file.Files} reads, also when it lies inside a jar.
 */
public final class BundledAssets {

    public static final String DIRECTORY_PROPERTY = "playground.assets";
    public static final String DIRECTORY_ENV = "PLAYGROUND_ASSETS";
    static final String CLASSPATH_ROOT = "/assets/";
    private static final int PARENT_LEVELS = 4;

    private BundledAssets() {
    }

    /**
     * The bundled file {@code relative} (a '/'-separated path under {@code assets/}, e.g.
     * {@code "checkpoints/swissroll-simple.json"}).
     *
     * @throws AssetNotFoundException naming every place searched
     */
    public static Path locate(String relative) throws AssetNotFoundException {
        return locate(relative, System.getProperty(DIRECTORY_PROPERTY), System.getenv(DIRECTORY_ENV));
    }

    /** The bundled directory {@code relative} (e.g. {@code "checkpoints"}), searched the same way. */
    public static Path locateDirectory(String relative) throws AssetNotFoundException {
        return find(relative, System.getProperty(DIRECTORY_PROPERTY), System.getenv(DIRECTORY_ENV), true);
    }

    static Path locate(String relative, String propertyDir, String envDir) throws AssetNotFoundException {
        return find(relative, propertyDir, envDir, false);
    }

    private static boolean exists(Path p, boolean directory) {
        return directory ? Files.isDirectory(p) : Files.isRegularFile(p);
    }

    private static Path find(String relative, String propertyDir, String envDir, boolean directory)
            throws AssetNotFoundException {
        if (relative == null || relative.isBlank() || relative.startsWith("/") || relative.contains("..")) {
            throw new IllegalArgumentException("an asset is named by a relative path inside assets/, got " + relative);
        }
        if (propertyDir != null && !propertyDir.isBlank()) {
            return inOverride(relative, propertyDir, "-D" + DIRECTORY_PROPERTY, directory);
        }
        if (envDir != null && !envDir.isBlank()) {
            return inOverride(relative, envDir, "$" + DIRECTORY_ENV, directory);
        }
        List<String> searched = new ArrayList<>();
        for (Path dir : projectDirectories()) {
            Path p = dir.resolve(relative);
            if (exists(p, directory)) {
                return p;
            }
            searched.add(dir.toString());
        }
        Path fromClassPath = onClassPath(relative, directory);
        if (fromClassPath != null) {
            return fromClassPath;
        }
        searched.add("class path " + CLASSPATH_ROOT);
        for (Path dir : workingDirectories()) {
            Path p = dir.resolve(relative);
            if (exists(p, directory)) {
                return p;
            }
            searched.add(dir.toString());
        }
        throw new AssetNotFoundException("bundled " + (directory ? "directory" : "file") + " assets/" + relative + " not found; searched "
                + String.join(", ", new LinkedHashSet<>(searched)) + ". Set -D" + DIRECTORY_PROPERTY
                + "=DIR (or $" + DIRECTORY_ENV + ") to the assets directory of the project");
    }

    private static Path inOverride(String relative, String dir, String source, boolean directory)
            throws AssetNotFoundException {
        Path root;
        try {
            root = Path.of(dir);
        } catch (InvalidPathException e) {
            throw new AssetNotFoundException(source + " = " + dir + " is not a valid path: " + e.getReason());
        }
        if (!Files.isDirectory(root)) {
            throw new AssetNotFoundException(source + " = " + dir + " is not a directory");
        }
        Path p = root.resolve(relative);
        if (!exists(p, directory)) {
            throw new AssetNotFoundException(relative + " not found in " + root.toAbsolutePath() + " (set by "
                    + source + ")");
        }
        return p;
    }

    /** {@code <project>/assets} for classes in {@code <project>/target/classes} or a jar in {@code target/}. */
    private static List<Path> projectDirectories() {
        List<Path> dirs = new ArrayList<>();
        try {
            CodeSource source = BundledAssets.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return dirs;
            }
            Path code = Path.of(source.getLocation().toURI()).toAbsolutePath();
            Path p = code;
            for (int level = 0; level < 3 && p != null; level++, p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("assets"))) {
                    dirs.add(p.resolve("assets"));
                    break;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // an unusual class loader (no file location): the class path and the working directory remain
        }
        return dirs;
    }

    private static Set<Path> workingDirectories() {
        Set<Path> dirs = new LinkedHashSet<>();
        Path p = Path.of("").toAbsolutePath();
        for (int level = 0; level <= PARENT_LEVELS && p != null; level++, p = p.getParent()) {
            if (Files.isDirectory(p.resolve("assets"))) {
                dirs.add(p.resolve("assets"));
            }
        }
        return dirs;
    }

    private static Path onClassPath(String relative, boolean directory) {
        URL url = BundledAssets.class.getResource(CLASSPATH_ROOT + relative);
        if (url == null) {
            return null;
        }
        try {
            URI uri = url.toURI();
            Path p = null;
            if ("file".equals(uri.getScheme())) {
                p = Path.of(uri);
            } else if ("jar".equals(uri.getScheme())) {
                p = jarFileSystem(uri).provider().getPath(uri);
            }
            if (p != null && exists(p, directory)) {
                return p;
            }
        } catch (URISyntaxException | IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** The zip file system of the jar holding {@code uri}, opened once and kept for the JVM's life. */
    private static synchronized FileSystem jarFileSystem(URI uri) throws IOException {
        try {
            return FileSystems.getFileSystem(uri);
        } catch (java.nio.file.FileSystemNotFoundException e) {
            try {
                return FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException raced) {
                return FileSystems.getFileSystem(uri);
            }
        }
    }
}
