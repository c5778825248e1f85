package org.diffusionplayground.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.diffusionplayground.app.AppViewModel;
import org.diffusionplayground.app.DataViewModel;
import org.diffusionplayground.app.DocumentViewModel;
import org.diffusionplayground.app.ExportViewModel;
import org.diffusionplayground.app.LessonViewModel;
import org.diffusionplayground.preset.Autosave;
import org.diffusionplayground.preset.PresetException;
import org.diffusionplayground.preset.PresetFiles;
import org.diffusionplayground.preset.PresetIO;
import org.diffusionplayground.preset.ShippedPresets;
import org.diffusionplayground.preset.lesson.LessonIO;
import org.diffusionplayground.ui.kit.Controls;

/**
 * The File menu and everything around documents in the window: Open, the lecture presets, recent files,
 * Save, Save As, Export Image, Export Video; dropping a preset or a CSV on the window; asking before
 * unsaved changes would be lost (open, drop, close); and, at start, offering to restore a scene a crashed
 * run left behind. Only dialogs and choosers live here; the logic is in the view-models.
 */
public final class DocumentActions {

    private final DocumentViewModel doc;
    private final ExportViewModel exports;
    private final DataViewModel data;
    private final AppViewModel app;
    private Stage stage;
    private ExportImageDialog imageDialog;
    private ExportVideoDialog videoDialog;
    private Path lastFolder;
    private LessonViewModel lessons;

    public DocumentActions(DocumentViewModel doc, ExportViewModel exports, DataViewModel data, AppViewModel app) {
        this.doc = doc;
        this.exports = exports;
        this.data = data;
        this.app = app;
    }

    /** Lessons open from the File menu, by drag and drop and from the command line. */
    public void setLessons(LessonViewModel lessons) {
        this.lessons = lessons;
    }

    /** Binds the window: its title, keyboard shortcuts, drag and drop, and the question on closing. */
    public void install(Stage stage, Scene scene) {
        this.stage = stage;
        stage.titleProperty().bind(doc.windowTitleProperty());
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::open);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), this::save);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), this::saveAs);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN),
                this::exportImage);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), this::exportVideo);
        installDrop(scene.getRoot());
        stage.setOnCloseRequest(e -> {
            if (doc.dirtyProperty().get()) {
                e.consume();
                confirmDiscard("closing", () -> {
                    doc.close();
                    stage.close();
                    Platform.exit();
                });
            }
        });
    }

    private Window window() {
        return stage;
    }

    /** The File menu for the tool bar. */
    public MenuButton menu() {
        MenuButton file = new MenuButton("File");
        file.setId("file-menu");
        MenuItem open = item("Open…", "menu-open", this::open, "Ctrl+O");
        Menu lecture = new Menu("Lecture presets");
        lecture.setId("menu-lecture-presets");
        lecture.getItems().add(new MenuItem("…"));
        // read the presets' titles when the menu first opens, not while the window starts
        lecture.setOnShowing(e -> {
            if (lecture.getItems().size() == 1 && "…".equals(lecture.getItems().get(0).getText())) {
                lecture.getItems().clear();
                fillLecturePresets(lecture);
            }
        });
        Menu lessonMenu = new Menu("Lessons");
        lessonMenu.setId("menu-lessons");
        lessonMenu.getItems().add(new MenuItem("…"));
        lessonMenu.setOnShowing(e -> fillLessons(lessonMenu));
        Menu recent = new Menu("Open recent");
        recent.setId("menu-recent");
        Runnable fillRecent = () -> {
            recent.getItems().clear();
            for (Path p : doc.recentFiles()) {
                MenuItem i = new MenuItem(p.getFileName() + "   (" + p.toAbsolutePath().getParent() + ")");
                i.setMnemonicParsing(false);
                i.setOnAction(e -> confirmDiscard("opening " + p.getFileName(), () -> doc.openRecent(p,
                        this::reportIfFailed)));
                recent.getItems().add(i);
            }
            recent.setDisable(recent.getItems().isEmpty());
        };
        fillRecent.run();
        doc.recentFiles().addListener((ListChangeListener<Path>) c -> fillRecent.run());
        MenuItem save = item("Save", "menu-save", this::save, "Ctrl+S");
        MenuItem saveAs = item("Save As…", "menu-save-as", this::saveAs, "Ctrl+Shift+S");
        MenuItem image = item("Export Image…", "menu-export-image", this::exportImage, "Ctrl+E");
        MenuItem video = item("Export Video…", "menu-export-video", this::exportVideo, "Ctrl+Shift+E");
        file.getItems().addAll(open, lecture, lessonMenu, recent, new SeparatorMenuItem(), save, saveAs, new SeparatorMenuItem(),
                image, video);
        Controls.tipped(file, "Open and save scenes (presets), export pictures and videos for slides");
        return file;
    }

    private static MenuItem item(String text, String id, Runnable action, String keys) {
        MenuItem i = new MenuItem(text + "      " + keys);
        i.setId(id);
        i.setOnAction(e -> action.run());
        return i;
    }

    private void fillLecturePresets(Menu menu) {
        Path folder = ShippedPresets.folder();
        if (folder == null) {
            menu.setDisable(true);
            return;
        }
        try {
            menu.getItems().addAll(titled(folder, p -> PresetIO.read(p).title(), (p, title) -> confirmDiscard(
                    "opening " + title, () -> doc.open(p, this::reportIfFailed))));
        } catch (IOException e) {
            menu.setDisable(true);
        }
    }

    /** Reads the title of a shipped file; a broken file throws (and is left out of the menu). */
    private interface TitleReader {
        String title(Path file) throws PresetException;
    }

    /**
     * A menu item per readable JSON file of a folder, named by its title, in file-name order; a broken file
     * is left out (it is reported when opened by name).
     */
    private static List<MenuItem> titled(Path folder, TitleReader reader, java.util.function.BiConsumer<Path, String> open)
            throws IOException {
        List<MenuItem> items = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(PresetFiles::isSceneOrLesson).sorted().toList()) {
                String title;
                try {
                    title = reader.title(p);
                } catch (PresetException e) {
                    continue;
                }
                MenuItem i = new MenuItem(title);
                i.setMnemonicParsing(false);
                i.setOnAction(e -> open.accept(p, title));
                items.add(i);
            }
        }
        return items;
    }

    /** The shipped lessons by title, then opening a lesson file and closing the open one. */
    private void fillLessons(Menu menu) {
        menu.getItems().clear();
        Path folder = ShippedPresets.lessonsFolder();
        if (folder != null) {
            try {
                menu.getItems().addAll(titled(folder, p -> LessonIO.read(p).title(), (p, title) -> openLesson(p)));
            } catch (IOException e) {
                // no shipped lessons to list; a lesson file can still be opened
            }
        }
        if (!menu.getItems().isEmpty()) {
            menu.getItems().add(new SeparatorMenuItem());
        }
        MenuItem file = new MenuItem("Open a lesson file…");
        file.setId("menu-open-lesson");
        file.setOnAction(e -> {
            FileChooser chooser = chooser("Open a lesson");
            if (folder != null) {
                chooser.setInitialDirectory(folder.toFile());
            }
            File f = chooser.showOpenDialog(window());
            if (f != null) {
                openLesson(f.toPath());
            }
        });
        MenuItem close = new MenuItem("Close the lesson");
        close.setId("menu-close-lesson");
        close.setDisable(lessons == null || !lessons.isOpen());
        close.setOnAction(e -> lessons.close());
        menu.getItems().addAll(file, close);
    }

    /** Opens a lesson at its first step, asking first about unsaved changes. */
    public void openLesson(Path file) {
        if (lessons == null) {
            return;
        }
        confirmDiscard("opening the lesson " + file.getFileName(), () -> lessons.open(file, this::reportIfFailed));
    }

    // ---- open and save ------------------------------------------------------------------------

    public void open() {
        confirmDiscard("opening another scene", () -> {
            FileChooser chooser = chooser("Open a scene");
            File f = chooser.showOpenDialog(window());
            if (f != null) {
                lastFolder = f.toPath().toAbsolutePath().getParent();
                doc.open(f.toPath(), this::reportIfFailed);
            }
        });
    }

    public void save() {
        saveThen(() -> { });
    }

    /** Saves (asking for a file when the scene is untitled), then runs {@code then} if it worked. */
    private void saveThen(Runnable then) {
        if (!doc.save(ok -> after(ok, then))) {
            saveAsThen(then);
        }
    }

    public void saveAs() {
        saveAsThen(() -> { });
    }

    private void saveAsThen(Runnable then) {
        FileChooser chooser = chooser("Save the scene as a preset");
        Path own = doc.saveFolder(); // never the folder of the presets that come with the app
        if (own != null && (lastFolder == null || ShippedPresets.contains(lastFolder))) {
            chooser.setInitialDirectory(own.toFile());
        }
        chooser.setInitialFileName(suggestedName());
        File f = chooser.showSaveDialog(window());
        if (f == null) {
            return;
        }
        Path target = f.toPath();
        target = PresetFiles.forSaving(target); // the app's own extension unless one was typed
        lastFolder = target.toAbsolutePath().getParent();
        // the system's save dialog has already asked before replacing a file it showed
        doc.saveAs(target, true, ok -> after(ok, then));
    }

    private void after(boolean ok, Runnable then) {
        if (ok) {
            then.run();
        } else {
            reportIfFailed(false);
        }
    }

    private String suggestedName() {
        String t = doc.title().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return (t.isEmpty() ? "scene" : t) + PresetFiles.EXTENSION;
    }

    private FileChooser chooser(String title) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Diffusion Playground scene or lesson",
                "*" + PresetFiles.EXTENSION, "*" + PresetFiles.JSON), new FileChooser.ExtensionFilter("All files", "*.*"));
        Path folder = lastFolder != null ? lastFolder : doc.fileProperty().get() != null
                ? doc.fileProperty().get().toAbsolutePath().getParent() : ShippedPresets.folder();
        if (folder != null && Files.isDirectory(folder)) {
            c.setInitialDirectory(folder.toFile());
        }
        return c;
    }

    private void reportIfFailed(boolean ok) {
        if (!ok && !doc.activity().errorProperty().get().isEmpty()) {
            Alert a = Themes.alert(Alert.AlertType.ERROR, "That did not work", doc.activity().errorProperty().get(), window(), app,
                    ButtonType.OK);
            a.getDialogPane().setMinWidth(560);
            a.show();
        }
    }

    /**
     * Runs {@code then} after making sure unsaved changes are not lost silently: with changes, asks
     * whether to save them first (Save / Don't save / Cancel).
     */
    public void confirmDiscard(String what, Runnable then) {
        if (!doc.dirtyProperty().get()) {
            then.run();
            return;
        }
        ButtonType saveIt = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType drop = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
        Alert a = Themes.alert(Alert.AlertType.CONFIRMATION, "Save your changes?", "The scene \"" + doc.title()
                + "\" has changes that are not saved. Save them before " + what + "?", window(), app, saveIt, drop,
                ButtonType.CANCEL);
        ButtonType answer = a.showAndWait().orElse(ButtonType.CANCEL);
        if (answer == saveIt) {
            saveThen(then);
        } else if (answer == drop) {
            then.run();
        }
    }

    // ---- exports ------------------------------------------------------------------------------

    public void exportImage() {
        if (imageDialog == null) {
            imageDialog = new ExportImageDialog(exports, app, window());
            imageDialog.setOnDone((file, ok) -> exported("Image exported", file));
        }
        imageDialog.show(suggestion(exports.imageFormatProperty().get().extension()));
    }

    public void exportVideo() {
        if (videoDialog == null) {
            videoDialog = new ExportVideoDialog(exports, app, window());
            videoDialog.setOnDone((file, ok) -> exported("Video exported", file));
        }
        videoDialog.show(suggestion(exports.videoFormatProperty().get().extension()));
    }

    private void exported(String title, Path file) {
        JobNotices.written(window(), title, file);
    }

    private Path suggestion(String extension) {
        Path folder = lastFolder != null ? lastFolder : Path.of(System.getProperty("user.home"));
        String stem = PresetFiles.stem(Path.of(suggestedName()));
        return folder.resolve(stem + "." + extension);
    }

    ExportImageDialog imageDialog() {
        return imageDialog;
    }

    ExportVideoDialog videoDialog() {
        return videoDialog;
    }

    // ---- drag and drop ------------------------------------------------------------------------

    /** A scene or a lesson (.dplay, .json) dropped on the window opens; a CSV becomes the data set. */
    void installDrop(Node target) {
        target.setOnDragOver(e -> {
            Dragboard db = e.getDragboard();
            if (db.hasFiles() && db.getFiles().size() == 1 && kind(db.getFiles().get(0).toPath()) != null) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        target.setOnDragDropped(e -> {
            Dragboard db = e.getDragboard();
            boolean done = false;
            if (db.hasFiles() && db.getFiles().size() == 1) {
                done = drop(db.getFiles().get(0).toPath());
            }
            e.setDropCompleted(done);
            e.consume();
        });
    }

    private static String kind(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return PresetFiles.isSceneOrLesson(p) ? "preset" : name.endsWith(".csv") || name.endsWith(".txt") ? "csv" : null;
    }

    /**
     * Opens a file the app was started with: a scene or lesson double-clicked in the file manager, or
     * dropped on the app's icon. A file of another kind gets a message saying what the app opens.
     */
    public void openStartFile(Path file) {
        if (!drop(file)) {
            Alert a = Themes.alert(Alert.AlertType.ERROR, "Diffusion Playground cannot open " + file.getFileName(),
                    "It opens scenes and lessons (" + PresetFiles.EXTENSION + ", " + PresetFiles.JSON
                            + ") and points to train on (.csv, .txt).", window(), app, ButtonType.OK);
            Platform.runLater(a::show);
        }
    }

    /** What a drop of {@code file} does; false when it is not a preset or a CSV. */
    public boolean drop(Path file) {
        String kind = kind(file);
        if ("preset".equals(kind) && lessons != null && LessonIO.isLesson(file)) {
            Platform.runLater(() -> openLesson(file));
            return true;
        }
        if ("preset".equals(kind)) {
            // after the drop gesture has finished: a dialog inside it would block the system's drag
            Platform.runLater(() -> confirmDiscard("opening " + file.getFileName(),
                    () -> doc.open(file, this::reportIfFailed)));
            return true;
        }
        if ("csv".equals(kind)) {
            data.importCsv(file, ok -> {
                if (!ok) {
                    Alert a = Themes.alert(Alert.AlertType.ERROR, "The points could not be imported",
                            data.errorProperty().get(), window(), app, ButtonType.OK);
                    Platform.runLater(a::show);
                }
            });
            return true;
        }
        return false;
    }

    // ---- restore after a crash ----------------------------------------------------------------

    /** At start: offers to restore the newest scene a crashed or killed run autosaved. */
    public void offerRestore() {
        List<Autosave.Orphan> orphans = doc.orphans();
        if (orphans.isEmpty()) {
            return;
        }
        Autosave.Orphan newest = orphans.get(0);
        String when = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH)
                .format(newest.savedAt().atZone(ZoneId.systemDefault()));
        ButtonType restore = new ButtonType("Restore", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard it", ButtonBar.ButtonData.NO);
        ButtonType later = new ButtonType("Ask me next time", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert a = Themes.alert(Alert.AlertType.CONFIRMATION, "Restore your unsaved scene?",
                "Diffusion Playground did not close properly last time. Its scene \"" + newest.title()
                + "\" was saved automatically on " + when
                + (newest.origin() != null ? " (it came from " + newest.origin().getFileName() + ")" : "")
                + ". Restore it?", window(), app, restore, discard, later);
        a.getDialogPane().setMinWidth(560);
        ButtonType answer = a.showAndWait().orElse(later);
        if (answer == restore) {
            doc.restore(newest, this::reportIfFailed);
        } else if (answer == discard) {
            doc.discard(newest);
        }
    }
}
