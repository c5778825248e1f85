package org.diffusionplayground.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.diffusionplayground.app.AppViewModel;
import org.diffusionplayground.app.ExportViewModel;
import org.diffusionplayground.ui.kit.Controls;

/**
 * The frame both export dialogs share: a form of settings, the output file with Browse…, a progress bar
 * with its status line, and Export / Cancel. The export runs in the background; Cancel stops it (and
 * leaves no file) or closes the dialog. Replacing an existing file is asked first.
 */
abstract class ExportDialog {

    protected final ExportViewModel vm;
    private final AppViewModel app;
    private final Stage stage = new Stage();
    protected final GridPane form = new GridPane();
    private final TextField path = new TextField();
    private final Button export = new Button("Export");
    private final Button cancel = new Button("Close");
    private final Label error = new Label();
    private final String[][] filters;
    private int rows;
    private final java.util.Map<Node, Node> captions = new java.util.HashMap<>();
    private Node fileRow;

    /** @param filters {description, "*.ext", ...} per file type; the first is the default */
    ExportDialog(ExportViewModel vm, AppViewModel app, Window owner, String title, String id, String[][] filters) {
        this.vm = vm;
        this.app = app;
        this.filters = filters;
        stage.setTitle(title + " — Diffusion Playground");
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        form.setHgap(10);
        form.setVgap(8);
        form.getStyleClass().add("export-form");
        javafx.scene.layout.ColumnConstraints captions = new javafx.scene.layout.ColumnConstraints();
        captions.setMinWidth(Region.USE_PREF_SIZE); // captions never shrink to "Frames per s…"
        javafx.scene.layout.ColumnConstraints controls = new javafx.scene.layout.ColumnConstraints();
        controls.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().setAll(captions, controls);

        path.setId(id + "-path");
        path.setPrefColumnCount(34);
        Button browse = new Button("Browse…");
        browse.setMinWidth(Region.USE_PREF_SIZE);
        browse.setOnAction(e -> browse());
        HBox file = new HBox(6, path, browse);
        HBox.setHgrow(path, Priority.ALWAYS);

        ProgressBar bar = new ProgressBar();
        bar.setId(id + "-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.activity().progressProperty());
        Label status = new Label();
        status.setId(id + "-status");
        status.getStyleClass().add("export-status");
        status.textProperty().bind(vm.activity().statusProperty());
        error.setId(id + "-error");
        error.getStyleClass().add("error-label");
        error.setWrapText(true);
        error.textProperty().bind(vm.activity().errorProperty());
        error.visibleProperty().bind(vm.activity().errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        export.setId(id + "-export");
        export.setDefaultButton(true);
        export.disableProperty().bind(vm.activity().busyProperty());
        export.setOnAction(e -> start());
        cancel.setId(id + "-cancel");
        cancel.setCancelButton(true);
        cancel.textProperty().bind(javafx.beans.binding.Bindings.when(vm.activity().busyProperty()).then("Cancel export")
                .otherwise("Close"));
        cancel.setOnAction(e -> {
            if (vm.activity().busyProperty().get()) {
                vm.cancel();
            } else {
                stage.close();
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, spacer, cancel, export);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        fileRow = file;
        VBox root = new VBox(12, form, bar, status, error, buttons);
        root.setPadding(new Insets(16));
        root.getStyleClass().add("export-dialog");
        root.setPrefWidth(760);
        Scene scene = new Scene(root);
        Themes.apply(scene, app);
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            if (vm.activity().busyProperty().get()) {
                vm.cancel();
            }
        });
    }

    /** Adds a labelled row to the form. */
    protected void row(String caption, Node control) {
        Node label = Controls.caption(caption);
        captions.put(control, label);
        form.add(label, 0, rows);
        form.add(control, 1, rows);
        GridPane.setHgrow(control, Priority.ALWAYS);
        rows++;
    }

    /** Shows or hides a row the dialog added (its caption with it); a hidden row takes no room. */
    protected void showRow(Node control, boolean shown) {
        for (Node n : new Node[] {control, captions.get(control)}) {
            n.setVisible(shown);
            n.setManaged(shown);
        }
    }

    /** The export itself: the view-model's image or video export. */
    protected abstract void export(Path file, boolean replace, Consumer<Boolean> done);

    /** A check of the settings for {@code file} before anything runs; null when fine. */
    protected abstract String problem(Path file);

    public void show(Path suggestion) {
        if (fileRow != null) {
            row("File", fileRow); // last, after the rows the dialog added
            fileRow = null;
        }
        if (path.getText().isBlank() && suggestion != null) {
            path.setText(suggestion.toString());
        }
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }

    private void browse() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(stage.getTitle());
        for (String[] f : filters) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(f[0],
                    java.util.Arrays.copyOfRange(f, 1, f.length)));
        }
        Path current = currentPath();
        if (current != null && current.toAbsolutePath().getParent() != null
                && Files.isDirectory(current.toAbsolutePath().getParent())) {
            chooser.setInitialDirectory(current.toAbsolutePath().getParent().toFile());
            chooser.setInitialFileName(current.getFileName().toString());
        }
        File f = chooser.showSaveDialog(stage);
        if (f != null) {
            path.setText(f.getPath());
        }
    }

    private Path currentPath() {
        try {
            String text = path.getText().strip();
            return text.isEmpty() ? null : Path.of(text);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** Validates, asks before replacing a file, then exports. */
    void start() {
        Path file = currentPath();
        if (file == null) {
            showError("choose a file to write");
            return;
        }
        String problem = problem(file);
        if (problem != null) {
            showError(problem);
            return;
        }
        boolean replace = false;
        if (Files.exists(file)) {
            Alert ask = Themes.alert(Alert.AlertType.CONFIRMATION, "Replace the existing file?",
                    file + " already exists. Replace it?", stage, app, ButtonType.CANCEL, ButtonType.OK);
            if (ask.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
                return;
            }
            replace = true;
        }
        export(file, replace, ok -> {
            if (ok) {
                onDone.accept(file, true);
            }
        });
    }

    private BiConsumer<Path, Boolean> onDone = (p, ok) -> { };

    /** Called with the file after a successful export (the window shows it in its status line). */
    void setOnDone(BiConsumer<Path, Boolean> onDone) {
        this.onDone = onDone;
    }

    private void showError(String message) {
        vm.reportError(message);
    }
}
