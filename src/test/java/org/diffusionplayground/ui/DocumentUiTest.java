package org.diffusionplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.controlsfx.control.RangeSlider;
import org.diffusionplayground.app.ExportViewModel;
import org.diffusionplayground.app.Jobs;
import org.diffusionplayground.app.window.PlaygroundViewModels;
import org.diffusionplayground.export.VideoKind;
import org.diffusionplayground.preset.Preset;
import org.jcodec.api.awt.AWTFrameGrab;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window's documents and exports (Monocle, headless): a preset dropped on the window opens and saves
 * back to the same file; the Export Video dialog renders an MP4 with its progress bar, and its Cancel
 * leaves no file; Export Image writes the size asked for.
 */
@ExtendWith(ApplicationExtension.class)
class DocumentUiTest {

    private Jobs jobs;
    private PlaygroundViewModels vms;
    private Workbench bench;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        jobs = new Jobs(Platform::runLater, 2);
        vms = new PlaygroundViewModels(jobs);
        bench = new Workbench(vms);
        vms.likelihood().autoProperty().set(false);
        vms.scene().particlesProperty().set(300);
        vms.scene().stepsProperty().set(40);
        PlaygroundApp.openDefaultScene(vms);
        vms.document().adopt(Preset.ModelSource.EXACT, null, null);
        // the panels this class clicks stay docked beside the scene (LectureHallUiTest covers the rails)
        bench.window().panelsPinnedProperty().set(true);
        Scene fx = new Scene(bench.window().root(), 1280, 800);
        bench.install(fx);
        bench.documents().install(stage, fx);
        stage.setScene(fx);
        stage.sizeToScene(); // whatever size an earlier test class left the primary stage at
        stage.show();
    }

    @AfterEach
    void stop() {
        bench.stop();
        vms.document().close();
        jobs.close();
    }

    private void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aPresetDroppedOnTheWindowOpensAndSavesBackToTheSameFile(FxRobot robot) throws Exception {
        // a small copy of a lecture preset, so the test samples few particles
        Path preset = dir.resolve("imperfect.json");
        Files.writeString(preset, Files.readString(Path.of("presets/imperfect-score.json"))
                .replace("\"particles\" : 4000", "\"particles\" : 300").replace("\"steps\" : 300", "\"steps\" : 40"));
        robot.interact(() -> assertTrue(bench.documents().drop(preset)));
        waitFor(() -> vms.document().title().startsWith("An imperfect score") && !vms.document().activity().busyProperty().get());
        assertTrue(robot.lookup("#scene-second").tryQuery().isPresent(), "the split view shows the second pane");
        Stage stage = (Stage) bench.window().root().getScene().getWindow();
        assertTrue(stage.getTitle().startsWith("An imperfect score"), stage.getTitle());
        assertTrue(vms.likelihood().showCorrectionMapProperty().get(), "the preset's C(x₀) map is on");
        assertFalse(vms.document().dirtyProperty().get());

        Path saved = dir.resolve("saved.json");
        boolean[] ok = new boolean[1];
        robot.interact(() -> vms.document().saveAs(saved, false, r -> ok[0] = r));
        waitFor(() -> Files.exists(saved) && !vms.document().activity().busyProperty().get());
        assertTrue(ok[0], vms.document().activity().errorProperty().get());
        ObjectMapper m = new ObjectMapper();
        assertEquals(m.readTree(preset.toFile()), m.readTree(saved.toFile()));

        // a CSV dropped on the window becomes the data set
        Path csv = dir.resolve("points.csv");
        Files.writeString(csv, "x,y\n0,0\n1,1\n2,0.5\n");
        robot.interact(() -> assertTrue(bench.documents().drop(csv)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("points.csv", vms.scene().dataSetProperty().get().name());
        assertTrue(vms.document().dirtyProperty().get());
        assertTrue(stage.getTitle().startsWith("•"), stage.getTitle());
    }

    @Test
    void exportVideoRendersAnMp4WithProgressAndCancelLeavesNoFile(FxRobot robot) throws Exception {
        robot.interact(() -> bench.documents().exportVideo());
        WaitForAsyncUtils.waitForFxEvents();
        Path mp4 = dir.resolve("forward.mp4");
        robot.interact(() -> {
            robot.lookup("#export-video-kind").queryAs(ComboBox.class).setValue(VideoKind.FORWARD);
            @SuppressWarnings("unchecked")
            ComboBox<String> size = robot.lookup("#export-video-size").queryAs(ComboBox.class);
            size.setValue("1280 × 720");
            @SuppressWarnings("unchecked")
            ComboBox<Integer> fps = robot.lookup("#export-video-fps").queryAs(ComboBox.class);
            fps.setValue(24);
            robot.lookup("#export-video-seconds").queryAs(Spinner.class).getValueFactory().setValue(0.5);
            robot.lookup("#export-video-path").queryAs(TextField.class).setText(mp4.toString());
            // smaller than the dialog offers, to keep the test short
            vms.exports().videoWidthProperty().set(320);
            vms.exports().videoHeightProperty().set(180);
        });
        robot.clickOn("#export-video-export");
        ExportViewModel ex = vms.exports();
        waitFor(() -> Files.exists(mp4) && !ex.activity().busyProperty().get());
        assertEquals("", ex.activity().errorProperty().get());
        assertTrue(robot.lookup("#export-video-status").queryAs(Label.class).getText().startsWith("wrote"));
        assertEquals(1.0, ex.activity().progressProperty().get());
        try (SeekableByteChannel ch = NIOUtils.readableChannel(mp4.toFile())) {
            AWTFrameGrab grab = AWTFrameGrab.createAWTFrameGrab(ch);
            assertEquals(12, grab.getVideoTrack().getMeta().getTotalFrames(), "24 fps × 0.5 s");
            BufferedImage first = grab.getFrame();
            assertEquals(320, first.getWidth());
            assertEquals(180, first.getHeight());
        }

        Path longer = dir.resolve("long.mp4");
        robot.interact(() -> {
            robot.lookup("#export-video-seconds").queryAs(Spinner.class).getValueFactory().setValue(60.0);
            robot.lookup("#export-video-path").queryAs(TextField.class).setText(longer.toString());
        });
        robot.clickOn("#export-video-export");
        waitFor(() -> ex.activity().progressProperty().get() > 0);
        robot.clickOn("#export-video-cancel");
        waitFor(() -> !ex.activity().busyProperty().get());
        assertTrue(ex.activity().statusProperty().get().contains("cancelled"), ex.activity().statusProperty().get());
        assertFalse(Files.exists(longer));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void movingTheRangeSlidersReachesTheVideoSettings(FxRobot robot) throws Exception {
        robot.interact(() -> bench.documents().exportVideo());
        WaitForAsyncUtils.waitForFxEvents();
        ExportViewModel ex = vms.exports();
        robot.interact(() -> ex.videoKindProperty().set(VideoKind.BACKWARD));
        RangeSlider window = robot.lookup("#export-video-window").queryAs(RangeSlider.class);
        assertTrue(window.getParent().isVisible(), "a backward video offers the part of the sweep");
        assertFalse(robot.lookup("#export-video-h-range").queryAs(RangeSlider.class).getParent().isVisible());
        // drag the low thumb a third of the track to the right: the video starts later in the sweep
        robot.drag(robot.from(robot.lookup("#export-video-window")).lookup(".low-thumb").queryAs(Node.class))
                .moveBy(window.getWidth() / 3, 0).drop();
        WaitForAsyncUtils.waitForFxEvents();
        double from = ex.videoSettings().windowFrom();
        assertTrue(from > 0.2 && from < 0.5, "the window starts about a third in: " + from);
        assertEquals(window.getLowValue() / 100, from, 1e-12);
        assertEquals(1.0, ex.videoSettings().windowTo());

        robot.interact(() -> ex.videoKindProperty().set(VideoKind.H_SWEEP));
        RangeSlider h = robot.lookup("#export-video-h-range").queryAs(RangeSlider.class);
        assertTrue(h.getParent().isVisible(), "an 𝔥 sweep offers its range");
        assertFalse(window.getParent().isVisible());
        robot.drag(robot.from(robot.lookup("#export-video-h-range")).lookup(".high-thumb").queryAs(Node.class))
                .moveBy(-h.getWidth() / 2, 0).drop();
        WaitForAsyncUtils.waitForFxEvents();
        double hTo = ex.videoSettings().hTo();
        assertTrue(hTo > 1 && hTo < 2, "the sweep ends about half way along 0 … 3: " + hTo);
        assertEquals(h.getHighValue(), hTo, 1e-12);
        assertEquals(0.0, ex.videoSettings().hFrom());
    }

    @Test
    void exportImageWritesThePictureAtTheChosenSize(FxRobot robot) throws Exception {
        robot.interact(() -> bench.documents().exportImage());
        WaitForAsyncUtils.waitForFxEvents();
        Path png = dir.resolve("scene.png");
        robot.interact(() -> {
            vms.exports().sizeProperty().set(ExportViewModel.SizeChoice.CUSTOM);
            vms.exports().customWidthProperty().set(400);
            vms.exports().customHeightProperty().set(300);
            robot.lookup("#export-image-path").queryAs(TextField.class).setText(png.toString());
        });
        robot.clickOn("#export-image-export");
        waitFor(() -> Files.exists(png) && !vms.exports().activity().busyProperty().get());
        BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(400, img.getWidth());
        assertEquals(300, img.getHeight());
    }

    /** A dialog is a scene of its own: it takes the theme and the lecture font size from the app. */
    @Test
    void dialogsFollowTheThemeAndLectureMode(FxRobot robot) {
        double[] fontSize = new double[2];
        robot.interact(() -> {
            vms.app().darkProperty().set(true);
            vms.app().lectureProperty().set(true);
            for (int k = 0; k < 2; k++) {
                javafx.scene.control.Alert a = new javafx.scene.control.Alert(
                        javafx.scene.control.Alert.AlertType.CONFIRMATION, "Restore it?");
                if (k == 1) {
                    Themes.apply(a, vms.app());
                }
                a.getDialogPane().applyCss();
                fontSize[k] = ((javafx.scene.control.Label) a.getDialogPane().lookup(".content")).getFont().getSize();
                if (k == 1) {
                    assertTrue(a.getDialogPane().getStylesheets().stream().anyMatch(u -> u.endsWith("dark.css")),
                            a.getDialogPane().getStylesheets().toString());
                }
            }
        });
        assertEquals(20, fontSize[1], 1e-9, "lecture mode's 20 px (.root.lecture in base.css)");
        assertTrue(fontSize[0] < 16, "an unstyled dialog keeps the small default: " + fontSize[0]);
    }
}
