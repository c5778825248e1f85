package org.diffusionplayground.ui;

import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Accordion;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javafx.util.Duration;
import org.diffusionplayground.app.AppViewModel;
import org.diffusionplayground.app.DataViewModel;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.ui.kit.Controls;
import org.diffusionplayground.ui.kit.Deferred;

/**
 * The main window: tool bar on top, control panels on the left, the scene (or two scenes side by side)
 * in the centre, analysis on the right, playback and status at the bottom. The side panels dock when the
 * window has room and fold into rails otherwise ({@link SideDocks}); presentation mode shows the scene
 * alone under a large title. Composes views and binds them to view-models; the keys are {@link PresenterKeys}.
 */
public final class MainWindow implements PresenterKeys.Window {

    private final BorderPane root = new BorderPane();
    private final AppViewModel app;
    private final SceneViewModel sceneVm;
    private final FrameTimeRecorder frames = new FrameTimeRecorder(600);
    private final ScenePane scenePane;
    private final ScenePane secondPane;
    private final Deferred<SamplerPanel> samplerPanel;
    private final Deferred<OverlayPanel> overlayPanel;
    private final PlaybackBar playback;
    private final Accordion panels = new Accordion();
    private final AnimationTimer timer;
    private final HBox topBar;
    private final VBox bottom;
    private final HBox scenes;
    private final StackPane centre;
    private final SideDocks docks;
    private final PresenterKeys keys;
    private final Label slideTitle = new Label();
    private final Label caption = new Label();
    private final PauseTransition controlsShown = new PauseTransition(Duration.seconds(3));

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
        scenePane.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> dataVm.endStroke());
        sceneVm.overlaysProperty().set(sceneVm.overlaysProperty().get().and(dataVm.overlay()));

        scenes = new HBox(4, scenePane);
        scenes.setId("scene-area");
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
        StackPane.setMargin(scenes, new Insets(6));
        centre = new StackPane(scenes);
        centre.setMinSize(0, 0);

        TitledPane sampler = new TitledPane("Sampler", null);
        samplerPanel = Deferred.node(() -> new SamplerPanel(sceneVm), sampler::setContent);
        sampler.setId("panel-sampler");
        TitledPane overlays = new TitledPane("Overlays", null);
        overlayPanel = Deferred.node(() -> new OverlayPanel(sceneVm), overlays::setContent);
        overlays.setId("panel-overlays");
        panels.getPanes().addAll(sampler, overlays);
        panels.setExpandedPane(sampler);
        // with the window at the size of a projector both sit in a drawer: built when first opened or after the
        // first frame (Workbench.finishBuilding)
        samplerPanel.builtWhenOpened(sampler);
        overlayPanel.builtWhenOpened(overlays);
        ScrollPane left = new ScrollPane(panels);
        left.setFitToWidth(true);
        left.setPrefWidth(380);
        left.getStyleClass().add("side-panel");
        left.setId("side-panel");

        playback = new PlaybackBar(sceneVm);
        Label status = new Label();
        status.setId("status");
        status.getStyleClass().add("status-bar");
        status.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> sceneVm.activity().errorProperty().get().isEmpty() ? sceneVm.activity().statusProperty().get()
                        : "⚠ " + sceneVm.activity().errorProperty().get(),
                sceneVm.activity().errorProperty(), sceneVm.activity().statusProperty()));
        status.setMinWidth(0);
        bottom = new VBox(playback, status);

        docks = new SideDocks(root, centre, scenes);
        topBar = toolBar();
        root.setTop(topBar);
        root.setCenter(centre);
        root.setBottom(bottom);
        docks.setLeft(left);
        docks.presentingProperty().bind(app.presentingProperty());
        app.lectureProperty().addListener(x -> Platform.runLater(docks::relayout)); // after the CSS of the new size
        keys = new PresenterKeys(app, sceneVm, this);
        presentation();

        timer = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                frames.pulse(now);
                if (last != 0) {
                    sceneVm.playback().advance(Math.min(0.1, (now - last) / 1e9));
                }
                last = now;
            }
        };
    }

    /**
     * Presentation mode: the tool bar gives way to a large title, the status line to the caption, the side
     * panels go (P brings the charts beside the scene), and the playback bar floats over the scene's foot
     * for a few seconds after the mouse moves.
     */
    private void presentation() {
        slideText(slideTitle, "slide-title", app.slideTitleProperty());
        slideText(caption, "slide-caption", app.captionProperty());
        controlsShown.setOnFinished(e -> {
            if (!playback.isHover()) {
                playback.setVisible(false);
            }
        });
        centre.addEventFilter(MouseEvent.MOUSE_MOVED, e -> {
            if (app.presentingProperty().get()) {
                playback.setVisible(true);
                controlsShown.playFromStart();
            }
        });
        app.presentingProperty().addListener((obs, was, on) -> {
            if (on) {
                root.setTop(slideTitle);
                root.setBottom(caption);
                bottom.getChildren().remove(playback);
                StackPane.setAlignment(playback, Pos.BOTTOM_CENTER);
                playback.setMaxHeight(Region.USE_PREF_SIZE);
                playback.getStyleClass().add("floating-controls");
                playback.setVisible(false);
                centre.getChildren().add(playback);
                root.getStyleClass().add("presenting");
            } else {
                controlsShown.stop();
                centre.getChildren().remove(playback);
                playback.getStyleClass().remove("floating-controls");
                playback.setVisible(true);
                bottom.getChildren().add(0, playback);
                root.setTop(topBar);
                root.setBottom(bottom);
                root.getStyleClass().remove("presenting");
            }
            Platform.runLater(docks::relayout);
        });
    }

    /** A line of the slide, wrapped to the window, gone while it has no text. */
    private static void slideText(Label label, String id, javafx.beans.value.ObservableStringValue text) {
        label.setId(id);
        label.getStyleClass().add(id);
        label.textProperty().bind(text);
        label.setMaxWidth(Double.MAX_VALUE);
        label.setWrapText(true);
        label.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(text));
        label.managedProperty().bind(label.visibleProperty());
    }

    private HBox toolBar() {
        Label title = new Label("Diffusion Playground");
        title.getStyleClass().add("app-title");
        title.setMinWidth(0);
        MenuButton view = new MenuButton("View");
        view.setId("view-menu");
        CheckMenuItem dark = new CheckMenuItem("Dark theme      D");
        dark.selectedProperty().bindBidirectional(app.darkProperty());
        CheckMenuItem lectureItem = new CheckMenuItem("Lecture mode      L");
        lectureItem.selectedProperty().bindBidirectional(app.lectureProperty());
        MenuItem present = new MenuItem("Presentation mode      F5");
        present.setId("menu-present");
        present.setOnAction(e -> togglePresentation());
        CheckMenuItem hide = new CheckMenuItem("Hide side panels      P");
        hide.selectedProperty().bindBidirectional(docks.hiddenProperty());
        MenuItem full = new MenuItem("Full screen      F11");
        full.setOnAction(e -> toggleFullScreen());
        view.getItems().addAll(present, full, new SeparatorMenuItem(), dark, lectureItem, hide);

        ToggleButton darkToggle = new ToggleButton("☾ Dark");
        darkToggle.setId("dark-toggle");
        darkToggle.selectedProperty().bindBidirectional(app.darkProperty());
        Controls.tipped(darkToggle, "Light or dark theme (D)");
        ToggleButton lecture = new ToggleButton("Lecture");
        lecture.setId("lecture-toggle");
        lecture.selectedProperty().bindBidirectional(app.lectureProperty());
        Controls.tipped(lecture, "Lecture mode: large fonts and thick lines for a projector (L)");
        Button presentButton = new Button("▣ Present");
        presentButton.setId("present-button");
        presentButton.setOnAction(e -> togglePresentation());
        Controls.tipped(presentButton, "Presentation mode: the scene fills the screen under a large title (F5; Esc "
                + "leaves). A clicker's PgDn/PgUp step, ↑/↓ move 𝔥, space plays.");
        Button help = new Button("? Help");
        help.setId("help-button");
        help.setOnAction(e -> showHelp());
        Controls.tipped(help, "What am I looking at? The ideas behind each view, with their formulas (F1)");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(title, view, spacer, help, darkToggle, lecture, presentButton);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("top-bar");
        bar.setMinWidth(0);
        for (Node n : List.of(view, help, darkToggle, lecture, presentButton)) {
            ((Region) n).setMinWidth(Region.USE_PREF_SIZE);
        }
        // the title gives way first when the bar is short of room: it is in the window's title bar as well
        bar.widthProperty().addListener(x -> fitTitle(bar, title));
        bar.getChildren().addListener((javafx.collections.ListChangeListener<Node>) c -> fitTitle(bar, title));
        // lecture mode changes every button's font, not the bar's width: fit again once the new sizes are known
        title.fontProperty().addListener(x -> Platform.runLater(() -> fitTitle(bar, title)));
        return bar;
    }

    private static void fitTitle(HBox bar, Label title) {
        double others = bar.getInsets().getLeft() + bar.getInsets().getRight();
        for (Node n : bar.getChildren()) {
            if (n != title && n.isManaged()) {
                others += n.prefWidth(-1) + bar.getSpacing();
            }
        }
        boolean fits = bar.getWidth() <= 0 || others + title.prefWidth(-1) <= bar.getWidth();
        title.setVisible(fits);
        title.setManaged(fits);
    }

    /** Adds a panel to the left accordion (training, likelihood and lenses plug in here). */
    public void addPanel(TitledPane pane, int index) {
        panels.getPanes().add(Math.min(index, panels.getPanes().size()), pane);
    }

    /** Opens the left panel with this id (closing the others). */
    public void expandPanel(String id) {
        panels.getPanes().stream().filter(p -> id.equals(p.getId())).findFirst().ifPresent(panels::setExpandedPane);
    }

    /** Shows or hides the left panel with this id (a lesson step shows only its controls). */
    public void showPanel(String id, boolean shown) {
        panels.getPanes().stream().filter(p -> id.equals(p.getId())).forEach(p -> {
            p.setVisible(shown);
            p.setManaged(shown);
        });
    }

    /** Puts a panel on the right side (the analysis charts), docked or on a rail as room allows. */
    public void setRight(Region node) {
        docks.setRight(node);
    }

    /** Puts a bar above the playback controls (the open lesson's step and caption). */
    public void addAbovePlayback(Node bar) {
        bottom.getChildren().add(0, bar);
    }

    /** Puts a node right after the app's title (the File menu). */
    public void addToolBarItemAfterTitle(Node item) {
        topBar.getChildren().add(1, item);
        if (item instanceof Region r) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
    }

    public void addToolBarItems(List<Node> items) {
        topBar.getChildren().addAll(2, items);
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

    /** The scene panes now on screen (two in split view). */
    public List<ScenePane> scenePanes() {
        return sceneVm.splitProperty().get() ? List.of(scenePane, secondPane) : List.of(scenePane);
    }

    public SamplerPanel samplerPanel() {
        return samplerPanel.get();
    }

    /** Runs {@code action} on the overlay panel once it is built (its toggles can come from elsewhere). */
    void withOverlayPanel(java.util.function.Consumer<OverlayPanel> action) {
        overlayPanel.whenBuilt(action);
    }

    /** The window's own parts that are built after the first frame, in that order. */
    List<Deferred<?>> deferredParts() {
        return List.of(samplerPanel, overlayPanel);
    }

    public PlaybackBar playback() {
        return playback;
    }

    /** The keyboard: lessons hook their steps in here ({@link PresenterKeys#setSteps}). */
    public PresenterKeys keys() {
        return keys;
    }

    /** Shows the controls: a drawer over the scene when the window has no room to dock them. */
    public void showControls() {
        docks.showLeft();
    }

    /** Docks both side panels whatever the window's size. */
    public javafx.beans.property.BooleanProperty panelsPinnedProperty() {
        return docks.pinnedProperty();
    }

    /** Both side panels hidden (P). */
    public javafx.beans.property.BooleanProperty panelsHiddenProperty() {
        return docks.hiddenProperty();
    }

    /** Installs the keyboard shortcuts on a scene and applies the CSS themes. */
    public void install(Scene scene) {
        keys.install(scene);
        Themes.apply(scene, app);
        timer.start();
        Platform.runLater(docks::relayout);
    }

    public void stop() {
        timer.stop();
        controlsShown.stop();
    }

    @Override
    public void focusH() {
        if (app.presentingProperty().get()) {
            return; // no slider on screen: ↑/↓ move 𝔥 there
        }
        docks.hiddenProperty().set(false);
        expandPanel("panel-sampler");
        docks.showLeft();
        Platform.runLater(() -> samplerPanel.get().hSlider().requestFocus());
    }

    @Override
    public void togglePanels() {
        if (app.presentingProperty().get()) {
            docks.chartBesideProperty().set(!docks.chartBesideProperty().get());
        } else {
            docks.hiddenProperty().set(!docks.hiddenProperty().get());
        }
    }

    /** Enters or leaves presentation mode, full screen on a stage. */
    @Override
    public void togglePresentation() {
        boolean on = !app.presentingProperty().get();
        app.presentingProperty().set(on);
        if (root.getScene() != null && root.getScene().getWindow() instanceof Stage stage) {
            // Esc is ours in presentation mode: it leaves both at once
            stage.setFullScreenExitKeyCombination(on ? KeyCombination.NO_MATCH : null);
            stage.setFullScreenExitHint(on ? "" : null);
            stage.setFullScreen(on);
        }
    }

    @Override
    public boolean escape() {
        if (app.presentingProperty().get()) {
            togglePresentation();
            return true;
        }
        return docks.closeDrawers();
    }

    @Override
    public void quit() {
        if (root.getScene() != null && root.getScene().getWindow() instanceof Stage stage) {
            WindowEvent request = new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST);
            if (stage.getOnCloseRequest() != null) {
                stage.getOnCloseRequest().handle(request); // asks about unsaved changes, and consumes to wait
            }
            if (!request.isConsumed()) {
                stage.close();
            }
        }
    }

    private Stage helpStage;

    /** Opens (or brings forward) the help window, styled like the main window; Esc closes it. */
    @Override
    public void showHelp() {
        if (helpStage == null) {
            helpStage = new Stage();
            helpStage.setTitle("What am I looking at? — Diffusion Playground");
            Scene scene = new Scene(new HelpPane(), 760, 720);
            Themes.apply(scene, app);
            scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                if (e.getCode() == KeyCode.ESCAPE) {
                    helpStage.hide();
                    e.consume();
                }
            });
            helpStage.setScene(scene);
            if (root.getScene() != null) {
                helpStage.initOwner(root.getScene().getWindow());
            }
        }
        helpStage.show();
        helpStage.toFront();
    }

    /** The help window once opened (null before). */
    Stage helpStage() {
        return helpStage;
    }

    @Override
    public void toggleFullScreen() {
        if (root.getScene() != null && root.getScene().getWindow() instanceof Stage stage) {
            stage.setFullScreen(!stage.isFullScreen());
        }
    }
}
