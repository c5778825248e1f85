package org.diffusionplayground.ui;

import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Accordion;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.diffusionplayground.app.AppViewModel;
import org.diffusionplayground.app.DataViewModel;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.ui.kit.Controls;

/**
 * The main window: tool bar on top, control panels on the left, the scene (or two scenes side by side)
 * in the centre, analysis on the right, playback and status at the bottom. Composes views and binds
 * them to view-models; holds no logic of its own beyond keyboard shortcuts.
 */
public final class MainWindow {

    private final BorderPane root = new BorderPane();
    private final AppViewModel app;
    private final SceneViewModel sceneVm;
    private final FrameTimeRecorder frames = new FrameTimeRecorder(600);
    private final ScenePane scenePane;
    private final ScenePane secondPane;
    private final SamplerPanel samplerPanel;
    private final OverlayPanel overlayPanel;
    private final PlaybackBar playback;
    private final Accordion panels = new Accordion();
    private final AnimationTimer timer;

    public MainWindow(AppViewModel app, SceneViewModel sceneVm, DataViewModel dataVm) {
        this.app = app;
        this.sceneVm = sceneVm;
        root.getStyleClass().add("main-window");
        scenePane = new ScenePane(sceneVm, sceneVm.snapshotProperty(), app.themeProperty(), frames);
        scenePane.setId("scene");
        secondPane = new ScenePane(sceneVm, sceneVm.secondSnapshotProperty(), app.themeProperty(), new FrameTimeRecorder(10));
        secondPane.setId("scene-second");
        scenePane.onWorldClickProperty().set(sceneVm::launchPath);
        secondPane.onWorldClickProperty().set(sceneVm::launchPath);
        dataVm.drawingProperty().addListener((obs, was, on) -> scenePane.onWorldDragProperty().set(on ? (x, y) -> {
            dataVm.drawAt(x, y);
            sceneVm.rebuild();
        } : null));
        sceneVm.overlaysProperty().set(sceneVm.overlaysProperty().get().and(dataVm.overlay()));

        HBox scenes = new HBox(4, scenePane);
        HBox.setHgrow(scenePane, Priority.ALWAYS);
        HBox.setHgrow(secondPane, Priority.ALWAYS);
        sceneVm.splitProperty().addListener((obs, was, on) -> {
            if (on) {
                scenes.getChildren().add(secondPane);
            } else {
                scenes.getChildren().remove(secondPane);
            }
        });
        scenes.getStyleClass().add("scene-area");

        samplerPanel = new SamplerPanel(sceneVm);
        TitledPane sampler = new TitledPane("Sampler", samplerPanel);
        sampler.setId("panel-sampler");
        TitledPane data = new TitledPane("Data", new DataPanel(dataVm));
        data.setId("panel-data");
        overlayPanel = new OverlayPanel(sceneVm);
        TitledPane overlays = new TitledPane("Overlays", overlayPanel);
        overlays.setId("panel-overlays");
        panels.getPanes().addAll(data, sampler, overlays);
        panels.setExpandedPane(sampler);
        ScrollPane left = new ScrollPane(panels);
        left.setFitToWidth(true);
        left.setPrefWidth(380);
        left.getStyleClass().add("side-panel");

        playback = new PlaybackBar(sceneVm);
        Label status = new Label();
        status.setId("status");
        status.getStyleClass().add("status-bar");
        status.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> sceneVm.errorProperty().get().isEmpty() ? sceneVm.statusProperty().get()
                        : "⚠ " + sceneVm.errorProperty().get(),
                sceneVm.errorProperty(), sceneVm.statusProperty()));
        VBox bottom = new VBox(playback, status);

        root.setTop(toolBar());
        root.setLeft(left);
        root.setCenter(scenes);
        root.setBottom(bottom);
        BorderPane.setMargin(scenes, new Insets(6));

        timer = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                frames.pulse(now);
                if (last != 0) {
                    sceneVm.advance(Math.min(0.1, (now - last) / 1e9));
                }
                last = now;
            }
        };
    }

    private ToolBar toolBar() {
        Label title = new Label("Diffusion Playground");
        title.getStyleClass().add("app-title");
        ToggleButton dark = new ToggleButton("☾ Dark");
        dark.setId("dark-toggle");
        dark.selectedProperty().bindBidirectional(app.darkProperty());
        Controls.tipped(dark, "Light or dark theme (D)");
        ToggleButton lecture = new ToggleButton("Lecture mode");
        lecture.setId("lecture-toggle");
        lecture.selectedProperty().bindBidirectional(app.lectureProperty());
        Controls.tipped(lecture, "Large fonts and thick lines for a projector (L)");
        Button full = new Button("Full screen");
        full.setOnAction(e -> toggleFullScreen());
        Controls.tipped(full, "Full screen (F11)");
        Button help = new Button("? What am I looking at");
        help.setId("help-button");
        help.setOnAction(e -> showHelp());
        Controls.tipped(help, "The ideas behind each view, with their formulas (F1)");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToolBar bar = new ToolBar(title, spacer, help, dark, lecture, full);
        bar.getStyleClass().add("top-bar");
        return bar;
    }

    /** Adds a panel to the left accordion (training, likelihood and lenses plug in here). */
    public void addPanel(TitledPane pane, int index) {
        panels.getPanes().add(Math.min(index, panels.getPanes().size()), pane);
    }

    /** Opens the left panel with this id (closing the others). */
    public void expandPanel(String id) {
        panels.getPanes().stream().filter(p -> id.equals(p.getId())).findFirst().ifPresent(panels::setExpandedPane);
    }

    /** Removes the left panel with this id (a panel that moves into another one). */
    public void removePanel(String id) {
        panels.getPanes().removeIf(p -> id.equals(p.getId()));
    }

    /** Puts a node on the right side (the analysis charts). */
    public void setRight(Node node) {
        root.setRight(node);
    }

    /** Puts a node right after the app's title (the File menu). */
    public void addToolBarItemAfterTitle(Node item) {
        ((ToolBar) root.getTop()).getItems().add(1, item);
    }

    public void addToolBarItems(List<Node> items) {
        ToolBar bar = (ToolBar) root.getTop();
        bar.getItems().addAll(2, items);
    }

    public BorderPane root() {
        return root;
    }

    public FrameTimeRecorder frames() {
        return frames;
    }

    public ScenePane scenePane() {
        return scenePane;
    }

    public SamplerPanel samplerPanel() {
        return samplerPanel;
    }

    /** The overlay toggles (other panels add theirs). */
    public OverlayPanel overlayPanel() {
        return overlayPanel;
    }

    public PlaybackBar playback() {
        return playback;
    }

    /** Installs the keyboard shortcuts on a scene and applies the CSS themes. */
    public void install(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
        Themes.apply(scene, app);
        timer.start();
    }

    public void stop() {
        timer.stop();
    }

    private void shortcut(KeyEvent e) {
        boolean typing = e.getTarget() instanceof TextInputControl;
        if (typing && e.getCode() != KeyCode.ESCAPE) {
            return;
        }
        switch (e.getCode()) {
            case SPACE -> sceneVm.togglePlaying();
            case LEFT -> sceneVm.step(-1);
            case RIGHT -> sceneVm.step(1);
            case H -> {
                panels.setExpandedPane(panels.getPanes().stream().filter(p -> "panel-sampler".equals(p.getId()))
                        .findFirst().orElse(null));
                Platform.runLater(() -> samplerPanel.hSlider().requestFocus());
            }
            case R -> sceneVm.reset();
            case D -> app.darkProperty().set(!app.darkProperty().get());
            case L -> app.lectureProperty().set(!app.lectureProperty().get());
            case F11 -> toggleFullScreen();
            case F1 -> showHelp();
            default -> {
                return;
            }
        }
        e.consume();
    }

    private Stage helpStage;

    /** Opens (or brings forward) the help window, styled like the main window. */
    public void showHelp() {
        if (helpStage == null) {
            helpStage = new Stage();
            helpStage.setTitle("What am I looking at? — Diffusion Playground");
            Scene scene = new Scene(new HelpPane(), 640, 720);
            Themes.apply(scene, app);
            helpStage.setScene(scene);
            if (root.getScene() != null) {
                helpStage.initOwner(root.getScene().getWindow());
            }
        }
        helpStage.show();
        helpStage.toFront();
    }

    private void toggleFullScreen() {
        if (root.getScene() != null && root.getScene().getWindow() instanceof Stage stage) {
            stage.setFullScreen(!stage.isFullScreen());
        }
    }
}
