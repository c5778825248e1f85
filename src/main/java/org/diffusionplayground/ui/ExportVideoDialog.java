package org.diffusionplayground.ui;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import org.diffusionplayground.app.AppViewModel;
import org.diffusionplayground.app.ExportViewModel;
import org.diffusionplayground.export.VideoKind;
import org.diffusionplayground.export.VideoSettings;
import org.diffusionplayground.ui.kit.Controls;
import org.controlsfx.control.RangeSlider;

/**
 * Export Video: forward noising, backward sampling or the 𝔥 sweep of the current scene, as MP4 (H.264)
 * or GIF, at a chosen resolution, frame rate and duration. Rendered off-screen: the window may be
 * minimised or covered meanwhile.
 */
final class ExportVideoDialog extends ExportDialog {

    ExportVideoDialog(ExportViewModel vm, AppViewModel app, Window owner) {
        super(vm, app, owner, "Export video", "export-video", new String[][] {
            {"MP4 video (H.264)", "*.mp4"}, {"Animated GIF", "*.gif"}});
        ComboBox<VideoKind> kind = new ComboBox<>();
        kind.setId("export-video-kind");
        kind.getItems().setAll(VideoKind.values());
        kind.valueProperty().bindBidirectional(vm.videoKindProperty());
        kind.setMaxWidth(Double.MAX_VALUE);
        row("Show", kind);

        ComboBox<String> size = new ComboBox<>();
        size.setId("export-video-size");
        for (int[] wh : ExportViewModel.VIDEO_SIZES) {
            size.getItems().add(wh[0] + " × " + wh[1]);
        }
        size.setValue(vm.videoWidthProperty().get() + " × " + vm.videoHeightProperty().get());
        if (!size.getItems().contains(size.getValue())) {
            size.getItems().add(size.getValue());
        }
        size.valueProperty().addListener((o, a, v) -> {
            String[] parts = v.split(" × ");
            vm.videoWidthProperty().set(Integer.parseInt(parts[0]));
            vm.videoHeightProperty().set(Integer.parseInt(parts[1]));
        });
        row("Resolution", size);

        ComboBox<Integer> fps = new ComboBox<>();
        fps.setId("export-video-fps");
        fps.getItems().setAll(24, 25, 30, 50, 60);
        fps.valueProperty().addListener((o, a, v) -> {
            if (v != null) {
                vm.fpsProperty().set(v);
            }
        });
        fps.setValue(vm.fpsProperty().get());
        Spinner<Double> seconds = new Spinner<>(0.5, VideoSettings.MAX_SECONDS, vm.secondsProperty().get(), 0.5);
        seconds.setId("export-video-seconds");
        seconds.setEditable(true);
        seconds.setPrefWidth(100);
        seconds.valueProperty().addListener((o, a, v) -> vm.secondsProperty().set(v));
        Label frames = new Label();
        frames.getStyleClass().add("hint");
        frames.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "= %d frames",
                Math.round(vm.fpsProperty().get() * vm.secondsProperty().get())), vm.fpsProperty(), vm.secondsProperty()));
        row("Frames per second", fps);
        row("Duration (s)", new HBox(8, seconds, frames));

        // a forward or backward video shows a part of the sweep; an 𝔥 sweep a range of 𝔥: one of the two
        // rows is shown, after the kind
        RangeSlider window = range("export-video-window", 0, 100, 100 * vm.windowFromProperty().get(),
                100 * vm.windowToProperty().get(), 25);
        window.lowValueProperty().addListener((o, a, v) -> vm.windowFromProperty().set(v.doubleValue() / 100));
        window.highValueProperty().addListener((o, a, v) -> vm.windowToProperty().set(v.doubleValue() / 100));
        Label windowText = rangeText(window, "%.0f %% → %.0f %% of the sweep");
        HBox windowRow = new HBox(10, window, windowText);
        row("Part shown", windowRow);
        RangeSlider hRange = range("export-video-h-range", VideoSettings.SWEEP_FROM, VideoSettings.SWEEP_TO,
                Math.min(VideoSettings.SWEEP_TO, vm.hFromProperty().get()),
                Math.min(VideoSettings.SWEEP_TO, vm.hToProperty().get()), 0.5);
        hRange.lowValueProperty().addListener((o, a, v) -> vm.hFromProperty().set(v.doubleValue()));
        hRange.highValueProperty().addListener((o, a, v) -> vm.hToProperty().set(v.doubleValue()));
        Label hText = rangeText(hRange, "𝔥 from %.2f to %.2f");
        HBox hRow = new HBox(10, hRange, hText);
        row("𝔥 range", hRow);
        Runnable showRange = () -> {
            boolean sweep = vm.videoKindProperty().get() == VideoKind.H_SWEEP;
            showRow(hRow, sweep);
            showRow(windowRow, !sweep);
        };
        vm.videoKindProperty().addListener((o, a, v) -> showRange.run());
        showRange.run();
        javafx.scene.text.TextFlow hint = Controls.mathLabel("Frame-exact, and the same for the same seed. The 𝔥 "
                + "sweep uses the same noise at every 𝔥 of its range. MP4 is H.264; a GIF plays at most 50 frames per "
                + "second.");
        hint.getStyleClass().add("hint");
        hint.setMaxWidth(460);
        row("", hint);
    }

    /** A range slider over [min, max] with the low and high thumbs at lo and hi. */
    private static RangeSlider range(String id, double min, double max, double lo, double hi, double tick) {
        RangeSlider r = new RangeSlider(min, max, lo, hi);
        r.setId(id);
        r.setShowTickMarks(true);
        r.setShowTickLabels(true);
        r.setMajorTickUnit(tick);
        r.setPrefWidth(300);
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    /** The two values of a range slider in words, following the thumbs. */
    private static Label rangeText(RangeSlider r, String format) {
        Label l = new Label();
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, format, r.getLowValue(),
                r.getHighValue()), r.lowValueProperty(), r.highValueProperty()));
        return l;
    }

    @Override
    protected void export(Path file, boolean replace, Consumer<Boolean> done) {
        vm.exportVideo(file, replace, done);
    }

    @Override
    protected String problem(Path file) {
        return vm.videoProblem(file);
    }
}
