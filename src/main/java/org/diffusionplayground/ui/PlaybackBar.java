package org.diffusionplayground.ui;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.scene.SceneMode;
import org.diffusionplayground.scene.SweepClock;
import org.diffusionplayground.ui.kit.Controls;

/**
 * Play / pause / step / reset, the mode (forward noising or backward sampling), the speed and the time
 * scrubber t ∈ [t_min, T]. Two rows, the scrubber on its own as in a video player: every button keeps its
 * whole label from 1024 px wide in lecture mode.
 */
public final class PlaybackBar extends VBox {

    private final Slider scrubber;

    public PlaybackBar(SceneViewModel vm) {
        setSpacing(6);
        setPadding(new Insets(6, 14, 6, 14));
        getStyleClass().add("playback-bar");

        ToggleGroup modes = new ToggleGroup();
        ToggleButton forward = new ToggleButton("Forward  data → noise");
        forward.setId("mode-forward");
        ToggleButton backward = new ToggleButton("Backward  noise → data");
        backward.setId("mode-backward");
        forward.setToggleGroup(modes);
        backward.setToggleGroup(modes);
        Controls.tipped(forward, "Forward process dx = f dt + g dw: x_t = α_t x₀ + σ_t ε (exact marginal at every t).");
        Controls.tipped(backward, "Sampling: the 𝔥-process from the prior at T down to t_min.");
        Runnable syncMode = () -> {
            forward.setSelected(vm.modeProperty().get() == SceneMode.FORWARD);
            backward.setSelected(vm.modeProperty().get() == SceneMode.BACKWARD);
        };
        syncMode.run();
        vm.modeProperty().addListener((obs, old, m) -> syncMode.run());
        forward.setOnAction(e -> {
            vm.modeProperty().set(SceneMode.FORWARD);
            syncMode.run();
        });
        backward.setOnAction(e -> {
            vm.modeProperty().set(SceneMode.BACKWARD);
            syncMode.run();
        });

        Button play = new Button();
        play.setId("play");
        play.textProperty().bind(vm.playback().playingProperty().map(p -> p ? "❚❚ Pause" : "▶ Play"));
        play.setOnAction(e -> vm.playback().togglePlaying());
        Controls.tipped(play, "Play / pause (space)");
        Button back = new Button("◀");
        back.setOnAction(e -> vm.playback().step(-1));
        Controls.tipped(back, "One step back (← or PgUp)");
        Button next = new Button("▶|");
        next.setOnAction(e -> vm.playback().step(1));
        Controls.tipped(next, "One step forward (→ or PgDn)");
        Button reset = new Button("⟲ Reset");
        reset.setOnAction(e -> vm.reset());
        Controls.tipped(reset, "Back to the start, clear launched paths (R)");

        scrubber = new Slider(vm.tMin(), vm.tMax(), vm.timeProperty().get());
        scrubber.setId("time-scrubber");
        HBox.setHgrow(scrubber, Priority.ALWAYS);
        scrubber.setMaxWidth(Double.MAX_VALUE);
        vm.scheduleProperty().addListener((obs, old, s) -> {
            scrubber.setMin(vm.tMin());
            scrubber.setMax(vm.tMax());
        });
        // the scrubber follows the animation; a user move (and only that) pauses it and sets t
        boolean[] following = {false};
        scrubber.valueProperty().addListener((obs, old, v) -> {
            if (!following[0]) {
                vm.playback().playingProperty().set(false);
                vm.timeProperty().set(v.doubleValue());
            }
        });
        vm.timeProperty().addListener((obs, old, t) -> {
            if (!scrubber.isValueChanging()) {
                following[0] = true;
                scrubber.setValue(t.doubleValue());
                following[0] = false;
            }
        });
        Controls.tipped(scrubber, "Time t: data at t_min (left), noise at T (right).");
        Label timeLabel = new Label();
        timeLabel.setId("time-label");
        timeLabel.getStyleClass().add("time-label");
        // t and the noise level σ_t it stands for (what a log-SNR pace makes uniform)
        timeLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            double t = vm.timeProperty().get();
            var sch = vm.scheduleProperty().get();
            return sch == null ? String.format(Locale.ROOT, "t = %.3f", t)
                    : String.format(Locale.ROOT, "t = %.3f · σ = %.3g", t, sch.sigma(t));
        }, vm.timeProperty(), vm.scheduleProperty()));
        timeLabel.setMinWidth(Label.USE_PREF_SIZE);

        Slider speed = new Slider(1, 20, vm.playback().sweepSecondsProperty().get());
        speed.setPrefWidth(110);
        speed.valueProperty().bindBidirectional(vm.playback().sweepSecondsProperty());
        Controls.tipped(speed, "Duration of one sweep from T to t_min, in seconds");
        Label speedLabel = new Label();
        speedLabel.textProperty().bind(vm.playback().sweepSecondsProperty().map(s -> String.format(Locale.ROOT, "%.0f s / sweep", s.doubleValue())));
        speedLabel.setMinWidth(Label.USE_PREF_SIZE);

        ProgressBar busy = new ProgressBar();
        busy.setPrefWidth(90);
        busy.progressProperty().bind(vm.activity().progressProperty());
        busy.visibleProperty().bind(vm.activity().busyProperty());
        Controls.tipped(busy, "Sampling in the background");

        // the buttons wrap onto a second line rather than leave a narrow window (800 px in lecture mode);
        // where they fit they lie in one line, as an HBox would lay them
        FlowPane buttons = new FlowPane(10, 6, forward, backward, play, back, next, reset, busy);
        buttons.setAlignment(Pos.CENTER_LEFT);
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {forward, backward, play, back, next,
                reset}) {
            c.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        }
        HBox pacing = new HBox(10, speedLabel, speed, pace(vm));
        pacing.setAlignment(Pos.CENTER_LEFT);
        HBox time = new HBox(10, timeLabel, scrubber, pacing);
        time.setAlignment(Pos.CENTER_LEFT);
        time.setMinWidth(0); // so the bar is given the window's width, and the listener below can make room
        getChildren().addAll(buttons, time);
        // where the time line cannot hold the scrubber beside the pace controls, they join the buttons
        widthProperty().addListener((o, was, now) -> placePacing(buttons, time, pacing, timeLabel, now.doubleValue()));
    }

    /** The least width of the scrubber before the pace controls move up to the buttons' line. */
    private static final double MIN_SCRUBBER = 160;

    private void placePacing(FlowPane buttons, HBox time, HBox pacing, Label timeLabel, double width) {
        double inner = width - getInsets().getLeft() - getInsets().getRight();
        double needed = timeLabel.prefWidth(-1) + MIN_SCRUBBER + pacing.prefWidth(-1) + 2 * time.getSpacing();
        boolean inTime = time.getChildren().contains(pacing);
        if (inTime && needed > inner) {
            time.getChildren().remove(pacing);
            buttons.getChildren().add(pacing);
        } else if (!inTime && needed <= inner) {
            buttons.getChildren().remove(pacing);
            time.getChildren().add(pacing);
        }
    }

    /**
     * The sweep's clock in one small menu: the pace (uniform in log-SNR or in t), looping, and how long the
     * end stays on screen before the loop starts again. Exports use the same clock.
     */
    private static javafx.scene.control.MenuButton pace(SceneViewModel vm) {
        var clock = vm.playback();
        var menu = new javafx.scene.control.MenuButton("Pace");
        menu.setId("sweep-clock");
        Controls.tipped(menu, "The sweep's pace, loop and hold at the end (the same for exported videos)");
        var group = new javafx.scene.control.ToggleGroup();
        for (SweepClock.Pacing p : SweepClock.Pacing.values()) {
            var item = new javafx.scene.control.RadioMenuItem(p.toString());
            item.setId("pace-" + p.name().toLowerCase(Locale.ROOT));
            item.setToggleGroup(group);
            item.setSelected(clock.pacingProperty().get() == p);
            item.setOnAction(e -> clock.pacingProperty().set(p));
            clock.pacingProperty().addListener((obs, old, now) -> item.setSelected(now == p));
            menu.getItems().add(item);
        }
        var loop = new javafx.scene.control.CheckMenuItem("Loop");
        loop.setId("loop");
        loop.selectedProperty().bindBidirectional(clock.loopProperty());
        var hold = new javafx.scene.control.Spinner<Double>(0.0, SweepClock.MAX_HOLD_SECONDS,
                clock.holdSecondsProperty().get(), 0.5);
        hold.setId("hold-seconds");
        hold.setEditable(true);
        hold.setPrefWidth(80);
        hold.valueProperty().addListener((obs, old, v) -> {
            if (v != null) {
                clock.holdSecondsProperty().set(v);
            }
        });
        clock.holdSecondsProperty().addListener((obs, old, v) -> hold.getValueFactory().setValue(v.doubleValue()));
        var holdRow = new HBox(6, new Label("Hold the end"), hold, new Label("s"));
        holdRow.setAlignment(Pos.CENTER_LEFT);
        var holdItem = new javafx.scene.control.CustomMenuItem(holdRow, false);
        menu.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), loop, holdItem);
        menu.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        return menu;
    }

    public Slider scrubber() {
        return scrubber;
    }
}
