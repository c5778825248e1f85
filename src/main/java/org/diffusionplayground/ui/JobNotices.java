package org.diffusionplayground.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.action.Action;

/**
 * The one place where a long job says that it has ended (training finished, an image or a video written):
 * a ControlsFX notification at the bottom right of the window, shown for {@link #SHOWN}, so a lecturer who
 * went on to another panel or window still sees it. A written file's notice names the file and its folder
 * and offers "Open folder" where the desktop can open folders; where it cannot (no desktop integration,
 * a headless or minimal system), the notice says where the file is instead.
 */
final class JobNotices {

    /** Long enough to be seen after looking back at the screen; the notice can be closed earlier. */
    static final Duration SHOWN = Duration.seconds(30);
    static final String OPEN_FOLDER = "Open folder";

    private JobNotices() {
    }

    /** A job ended with no file to show (training finished). */
    static void finished(Window owner, String title, String text) {
        if (!showing(owner)) {
            return;
        }
        base(owner, title, text).showInformation();
    }

    /** A file was written: its name and folder, and "Open folder" where the system can open one. */
    static void written(Window owner, String title, Path file) {
        if (!showing(owner)) {
            return;
        }
        Path folder = folderOf(file);
        boolean canOpen = canOpenFolders();
        Notifications n = base(owner, title, text(file, canOpen));
        if (canOpen) {
            n.action(new Action(OPEN_FOLDER, e -> open(folder)));
        }
        n.showInformation();
    }

    /**
     * The notice's text for a written file: its name and the folder it is in; with no way to open the folder
     * from here, a sentence that says so, so the user knows where to look.
     */
    static String text(Path file, boolean canOpenFolders) {
        Path name = file.getFileName();
        String where = "in " + folderOf(file);
        return (name != null ? name + "\n" : "") + (canOpenFolders ? where
                : "Saved " + where + " (this system offers no way to open folders from the app).");
    }

    /** Whether this system can open a folder in its file manager (see {@link #openCommand}). */
    static boolean canOpenFolders() {
        List<String> command = openCommand(System.getProperty("os.name", ""), Path.of("."));
        return command != null && onPath(command.get(0), System.getenv("PATH"));
    }

    /**
     * The command that shows a folder in the desktop's file manager: Explorer on Windows, {@code open} on macOS,
     * the freedesktop {@code xdg-open} elsewhere (Linux, BSD); null where there is none to try. Not AWT's
     * {@code Desktop}: the app runs AWT headless (it draws off-screen only), where that class offers nothing.
     */
    static List<String> openCommand(String osName, Path folder) {
        String os = osName.toLowerCase(Locale.ROOT);
        String path = folder.toString();
        if (os.startsWith("windows")) {
            return List.of("explorer.exe", path);
        }
        if (os.startsWith("mac")) {
            return List.of("open", path);
        }
        if (os.contains("linux") || os.contains("bsd")) {
            return List.of("xdg-open", path);
        }
        return null;
    }

    /** Whether {@code program} is an executable file in one of the PATH's folders (Windows finds its own). */
    static boolean onPath(String program, String pathVariable) {
        if (program.endsWith(".exe")) {
            return true; // explorer.exe is part of every Windows desktop
        }
        if (pathVariable == null) {
            return false;
        }
        for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static Path folderOf(Path file) {
        Path absolute = file.toAbsolutePath();
        return absolute.getParent() != null ? absolute.getParent() : absolute;
    }

    private static boolean showing(Window owner) {
        return owner != null && owner.isShowing();
    }

    private static Notifications base(Window owner, String title, String text) {
        return Notifications.create().owner(owner).title(title).text(text).hideAfter(SHOWN)
                .position(Pos.BOTTOM_RIGHT);
    }

    /** Starts the file manager on the folder; it runs on its own, and a failure is only reported. */
    private static void open(Path folder) {
        List<String> command = openCommand(System.getProperty("os.name", ""), folder);
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException | RuntimeException e) {
            System.err.println("could not open the folder " + folder + ": " + e.getMessage());
        }
    }
}
