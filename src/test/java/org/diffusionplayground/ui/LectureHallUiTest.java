package org.diffusionplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.diffusionplayground.app.Jobs;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.app.window.PlaygroundViewModels;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.scene.SolverChoice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window on a projector (Monocle, headless): at 1024×768, 1280×720 and 1920×1080, in normal, lecture,
 * split and presentation mode, the scene keeps most of the window and no button, tab or title is cut; the
 * clicker's keys move 𝔥 and time; the controls show what a preset loaded; the help reads. One stage is
 * resized through every size and mode, so the sweep costs one window.
 */
@ExtendWith(ApplicationExtension.class)
class LectureHallUiTest {

    /** The scene's least share of the window's area (both panes together in split view). */
    private static final double SCENE_SHARE = 0.55;
    /** Below 1024×768 the toolbar and the time bar take a larger part: the scene still has the most. */
    private static final double SMALL_SCENE_SHARE = 0.4;

    private Jobs jobs;
    private PlaygroundViewModels vms;
    private Workbench bench;
    private SceneViewModel scene;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        jobs = new Jobs(Platform::runLater, 2);
        vms = new PlaygroundViewModels(jobs);
        scene = vms.scene();
        bench = SmallWorkbench.show(stage, vms, false, 1280, 720);
        scene.playback().playingProperty().set(false);
    }

    @AfterEach
    void stop() {
        bench.stop();
        jobs.close();
    }

    private record Mode(String name, boolean lecture, boolean split, boolean presenting) {
    }

    @Test
    void theSceneKeepsItsShareAndNoLabelIsCutAtProjectorSizes(FxRobot robot) throws Exception {
        List<Mode> modes = List.of(new Mode("normal", false, false, false), new Mode("lecture", true, false, false),
                new Mode("lecture, split view", true, true, false), new Mode("normal, split view", false, true, false),
                new Mode("presentation", false, false, true), new Mode("presentation, lecture", true, false, true));
        int[][] sizes = {{1024, 768}, {1280, 720}, {1920, 1080}};
        List<String> problems = new ArrayList<>();
        for (int[] size : sizes) {
            for (Mode m : modes) {
                robot.interact(() -> {
                    stage.setWidth(size[0]);
                    stage.setHeight(size[1]);
                    vms.app().lectureProperty().set(m.lecture());
                    scene.splitProperty().set(m.split());
                    vms.app().presentingProperty().set(m.presenting());
                });
                settle();
                String where = size[0] + "×" + size[1] + " " + m.name();
                Parent root = bench.window().root();
                assertEquals(size[0], root.getScene().getWidth(), 1, where + ": the window took the size");
                double windowArea = root.getScene().getWidth() * root.getScene().getHeight();
                double sceneArea = 0;
                for (ScenePane p : bench.window().scenePanes()) {
                    sceneArea += p.getWidth() * p.getHeight();
                }
                if (sceneArea < SCENE_SHARE * windowArea) {
                    problems.add(String.format(java.util.Locale.ROOT, "%s: the scene has %.0f %% of the window", where,
                            100 * sceneArea / windowArea));
                }
                for (String cut : cutLabels(root)) {
                    problems.add(where + ": " + cut);
                }
                if (m.presenting()) {
                    // the playback bar, shown over the scene when the mouse moves, is whole too
                    robot.interact(() -> bench.window().playback().setVisible(true));
                    settle();
                    for (String cut : cutLabels(root)) {
                        problems.add(where + ", controls shown: " + cut);
                    }
                } else {
                    // the controls, docked or opened as a drawer over the scene, are whole too
                    robot.interact(() -> {
                        bench.window().expandPanel("panel-sampler");
                        bench.window().showControls();
                    });
                    settle();
                    for (String cut : cutLabels(root)) {
                        problems.add(where + ", controls open: " + cut);
                    }
                    robot.interact(() -> bench.window().escape());
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /**
     * Below the projector sizes (800×600, a small laptop's window beside the notes), in normal, lecture and
     * presentation mode: no label is cut or outside the window, with the controls shown too, and the scene
     * keeps the largest part of the window.
     */
    @Test
    void atEightHundredBySixHundredNothingIsCutOff(FxRobot robot) throws Exception {
        List<Mode> modes = List.of(new Mode("normal", false, false, false), new Mode("lecture", true, false, false),
                new Mode("lecture, split view", true, true, false), new Mode("presentation, lecture", true, false, true));
        List<String> problems = new ArrayList<>();
        try {
            smallWindowProblems(robot, modes, problems);
        } finally {
            // the stage outlives the test: the next test starts at the size and in the mode it expects
            robot.interact(() -> {
                vms.app().presentingProperty().set(false);
                vms.app().lectureProperty().set(false);
                scene.splitProperty().set(false);
                stage.setWidth(1280);
                stage.setHeight(720);
            });
            settle();
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private void smallWindowProblems(FxRobot robot, List<Mode> modes, List<String> problems) throws Exception {
        for (Mode m : modes) {
            robot.interact(() -> {
                stage.setWidth(800);
                stage.setHeight(600);
                vms.app().lectureProperty().set(m.lecture());
                scene.splitProperty().set(m.split());
                vms.app().presentingProperty().set(m.presenting());
            });
            settle();
            String where = "800×600 " + m.name();
            Parent root = bench.window().root();
            double sceneArea = 0;
            for (ScenePane p : bench.window().scenePanes()) {
                sceneArea += p.getWidth() * p.getHeight();
            }
            double share = sceneArea / (root.getScene().getWidth() * root.getScene().getHeight());
            if (share < SMALL_SCENE_SHARE) {
                problems.add(String.format(java.util.Locale.ROOT, "%s: the scene has %.0f %% of the window", where,
                        100 * share));
            }
            for (String cut : cutLabels(root)) {
                problems.add(where + ": " + cut);
            }
            robot.interact(() -> {
                if (m.presenting()) {
                    bench.window().playback().setVisible(true);
                } else {
                    bench.window().expandPanel("panel-sampler");
                    bench.window().showControls();
                }
            });
            settle();
            for (String cut : cutLabels(root, true)) {
                problems.add(where + ", controls shown: " + cut);
            }
            robot.interact(() -> bench.window().escape());
        }
    }

    /** A tooltip shown in lecture mode is set at 18 px or more (13 px in the normal window). */
    @Test
    void tooltipsAreLargeInLectureMode(FxRobot robot) throws Exception {
        assertTrue(shownTooltipFontSize(robot) < 18, "the normal window keeps small tooltips");
        robot.moveBy(0, 300); // off the button: its tooltip closes
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shownTooltip() == null);
        robot.interact(() -> vms.app().lectureProperty().set(true));
        settle();
        double size = shownTooltipFontSize(robot);
        robot.moveBy(0, 300);
        robot.interact(() -> vms.app().lectureProperty().set(false));
        assertTrue(size >= 18, "lecture-mode tooltip at " + size + " px");
    }

    /** Hovers the Help button and returns the font size of the tooltip that opens. */
    private double shownTooltipFontSize(FxRobot robot) throws Exception {
        robot.moveTo("#help-button");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shownTooltip() != null);
        WaitForAsyncUtils.waitForFxEvents();
        return WaitForAsyncUtils.asyncFx(() -> shownTooltip().getFont().getSize()).get(10, TimeUnit.SECONDS);
    }

    private static javafx.scene.control.Tooltip shownTooltip() {
        for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
            if (w instanceof javafx.scene.control.Tooltip t && t.isShowing()) {
                return t;
            }
        }
        return null;
    }

    /** Waits for the layout passes a resize or a mode change sets off (some run one pulse later). */
    private static void settle() throws Exception {
        for (int i = 0; i < 3; i++) {
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    /**
     * Visible labelled controls whose text is shown cut (the skin ends it with an ellipsis, or its text is wider
     * than the control) or that reach past the window's right or bottom edge.
     */
    private static List<String> cutLabels(Parent root) throws Exception {
        return cutLabels(root, false);
    }

    /**
     * As {@link #cutLabels(Parent)}; with {@code scrolling}, a control inside a scroll pane may lie below or
     * beside the window (the pane scrolls to it) as long as its text is whole.
     */
    private static List<String> cutLabels(Parent root, boolean scrolling) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            List<String> out = new ArrayList<>();
            double w = root.getScene().getWidth();
            double h = root.getScene().getHeight();
            visit(root, node -> {
                if (node instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
                    Text shown = shownText(l);
                    Bounds b = l.localToScene(l.getLayoutBounds());
                    String name = l.getClass().getSimpleName() + " \"" + l.getText() + "\"";
                    if (shown != null && !l.getText().equals(shown.getText())) {
                        out.add(name + " shows \"" + shown.getText() + "\"");
                    } else if (shown != null && !l.isWrapText()
                            && shown.getLayoutBounds().getWidth() > l.getWidth() + 0.5) {
                        out.add(String.format(java.util.Locale.ROOT, "%s is %.0f px wide for %.0f px of text", name,
                                l.getWidth(), shown.getLayoutBounds().getWidth()));
                    } else if ((b.getMaxX() > w + 1 || b.getMaxY() > h + 1) && !(scrolling && inScrollPane(l))) {
                        out.add(String.format(java.util.Locale.ROOT, "%s ends at (%.0f, %.0f), outside the window",
                                name, b.getMaxX(), b.getMaxY()));
                    }
                }
            });
            return out;
        }).get(10, TimeUnit.SECONDS);
    }

    private static boolean inScrollPane(Node n) {
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof javafx.scene.control.ScrollPane) {
                return true;
            }
        }
        return false;
    }

    /** The text node the skin of a labelled control draws (its text, or the text cut with an ellipsis). */
    private static Text shownText(Labeled l) {
        for (Node c : l.getChildrenUnmodifiable()) {
            if (c instanceof Text t && !(c.getParent() instanceof TextFlow)) {
                return t;
            }
        }
        return null;
    }

    /** Every visible node that is laid out inside the window: the clipped content of scroll panes counts. */
    private static void visit(Node node, java.util.function.Consumer<Node> action) {
        if (!node.isVisible()) {
            return;
        }
        action.accept(node);
        if (node instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                visit(c, action);
            }
        }
    }

    @Test
    void theKeysMoveHAndTimeAndPgDnWalksALessonWhenOneIsOpen(FxRobot robot) throws Exception {
        robot.interact(() -> {
            scene.hProperty().set(0);
            bench.window().root().requestFocus();
        });
        robot.type(KeyCode.UP);
        robot.type(KeyCode.UP);
        assertEquals(0.10, scene.hProperty().get(), 1e-12, "↑ twice: two steps of 0.05");
        robot.type(KeyCode.MINUS);
        assertEquals(0.05, scene.hProperty().get(), 1e-12, "− one step down");
        robot.type(KeyCode.DOWN);
        robot.type(KeyCode.DOWN);
        assertEquals(0, scene.hProperty().get(), 1e-12, "𝔥 stops at 0, the ODE");

        double t = scene.timeProperty().get();
        robot.type(KeyCode.PAGE_DOWN);
        assertTrue(scene.timeProperty().get() != t, "PgDn steps time without a lesson");

        // H gives the keyboard to the 𝔥 slider: ← and → then move 𝔥 (they stepped time before)
        double before = scene.timeProperty().get();
        robot.type(KeyCode.H);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> bench.window().samplerPanel().hSlider().isFocused());
        robot.type(KeyCode.RIGHT);
        robot.type(KeyCode.RIGHT);
        assertEquals(0.10, scene.hProperty().get(), 1e-9, "→ on the focused slider moves 𝔥");
        assertEquals(before, scene.timeProperty().get(), 1e-12, "and leaves time alone");

        AtomicInteger step = new AtomicInteger();
        robot.interact(() -> {
            bench.window().keys().setSteps(new PresenterKeys.Steps() {
                @Override
                public boolean isOpen() {
                    return true;
                }

                @Override
                public void next() {
                    step.incrementAndGet();
                }

                @Override
                public void previous() {
                    step.decrementAndGet();
                }
            });
            bench.window().root().requestFocus();
        });
        double t2 = scene.timeProperty().get();
        robot.type(KeyCode.PAGE_DOWN, KeyCode.PAGE_DOWN, KeyCode.RIGHT, KeyCode.PAGE_UP);
        assertEquals(2, step.get(), "three steps forward, one back");
        assertEquals(t2, scene.timeProperty().get(), 1e-12, "a lesson's steps instead of time");

        robot.type(KeyCode.F5);
        assertTrue(vms.app().presentingProperty().get(), "F5 presents");
        assertEquals(null, bench.window().root().getRight(), "the scene alone");
        robot.type(KeyCode.P);
        assertEquals(bench.analysis(), bench.window().root().getRight(), "P puts the charts beside it");
        robot.type(KeyCode.P);
        assertEquals(null, bench.window().root().getRight());
        robot.type(KeyCode.ESCAPE);
        assertFalse(vms.app().presentingProperty().get(), "Esc leaves");

        // Ctrl+Q asks the window's close handler, which may keep it open (unsaved changes), else closes it
        robot.interact(() -> stage.setOnCloseRequest(javafx.event.Event::consume));
        robot.press(KeyCode.CONTROL).type(KeyCode.Q).release(KeyCode.CONTROL);
        assertTrue(stage.isShowing(), "the handler kept the window");
        robot.interact(() -> stage.setOnCloseRequest(null));
        robot.press(KeyCode.CONTROL).type(KeyCode.Q).release(KeyCode.CONTROL);
        assertFalse(stage.isShowing(), "Ctrl+Q closed the window");
    }

    @Test
    void afterAPresetLoadsEveryFieldShowsItsValues(FxRobot robot) throws Exception {
        // the preset turns lecture mode on; the panels stay docked whatever size the stage was left at
        robot.interact(() -> bench.window().panelsPinnedProperty().set(true));
        robot.interact(() -> scene.solverProperty().set(SolverChoice.HEUN));
        boolean[] opened = {false};
        robot.interact(() -> vms.document().open(Path.of("presets/imperfect-score.json"), ok -> opened[0] = ok));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> opened[0]);
        settle();
        // the preset: 4000 particles, 300 steps, seed 1, Euler–Maruyama, 25 gaussians
        assertEquals(4000, spinner(robot, "#sampler-particles").getValue());
        assertEquals(300, spinner(robot, "#sampler-steps").getValue());
        assertEquals(1, spinner(robot, "#sampler-seed").getValue());
        assertEquals(SolverChoice.EULER_MARUYAMA, robot.lookup("#sampler-solver").queryAs(ComboBox.class).getValue());
        assertEquals(ToyData.GAUSSIANS_25, robot.lookup("#dataset-picker").queryAs(ComboBox.class).getValue());
        assertEquals(scene.particlesProperty().get(), spinner(robot, "#sampler-particles").getValue());
    }

    @SuppressWarnings("unchecked")
    private static Spinner<Integer> spinner(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Spinner.class);
    }

    @Test
    void theHelpOpensWithThreePlainSentencesFitsTheWindowInLectureModeAndEscClosesIt(FxRobot robot)
            throws Exception {
        robot.interact(() -> {
            vms.app().lectureProperty().set(true);
            bench.window().showHelp();
        });
        settle();
        Stage help = bench.window().helpStage();
        assertTrue(help.isShowing());
        String intro = HelpPane.INTRO;
        assertEquals(3, intro.split("(?<=\\.)\\s+").length, "three sentences: " + intro);
        List<String> wide = WaitForAsyncUtils.asyncFx(() -> {
            List<String> out = new ArrayList<>();
            double width = help.getScene().getWidth();
            visit(help.getScene().getRoot(), n -> {
                if (n instanceof TextFlow f) {
                    Bounds b = f.localToScene(f.getLayoutBounds());
                    if (b.getMaxX() > width + 1) {
                        out.add(((Text) f.getChildren().get(0)).getText().substring(0, 40) + "… ends at " + b.getMaxX());
                    }
                }
                if (n instanceof Text t && t.getText() != null && t.getText().codePoints()
                        .anyMatch(c -> c >= 0x300 && c <= 0x36F)) {
                    out.add("combining accent in: " + t.getText());
                }
            });
            return out;
        }).get(10, TimeUnit.SECONDS);
        assertTrue(wide.isEmpty(), String.join("\n", wide));
        robot.interact(() -> help.getScene().getRoot().requestFocus());
        robot.type(KeyCode.ESCAPE);
        assertFalse(help.isShowing(), "Esc closes the help");
    }
}
