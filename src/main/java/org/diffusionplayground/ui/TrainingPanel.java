package org.diffusionplayground.ui;

import java.io.File;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.diffusionplayground.app.TrainingViewModel;
import org.diffusionplayground.model.checkpoint.PretrainedModel;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.score.Activation;
import org.diffusionplayground.model.score.Target;
import org.diffusionplayground.model.train.Objective;
import org.diffusionplayground.model.train.TrainingJob;
import org.diffusionplayground.model.train.Weighting;
import org.diffusionplayground.ui.kit.Controls;

/**
 * The training controls: schedule, network size, target, weighting, learning rate and steps; Train /
 * Pause / Resume / Stop with a progress bar and the ETA; save and load checkpoints, and the bundled
 * pretrained models. The data set comes from the data controls above it; the loss chart is on the right.
 */
public final class TrainingPanel extends VBox {

    private final Button train = new Button("▶ Train");
    private final Button pause = new Button("❚❚ Pause");
    private final Button stop = new Button("■ Stop");
    /** The sheet of every setting, opened on demand. */
    private javafx.stage.Stage settingsWindow;

    public TrainingPanel(TrainingViewModel vm) {
        setSpacing(8);
        setPadding(new Insets(4, 2, 4, 2));
        getStyleClass().add("panel");

        ComboBox<ScheduleKind> schedule = combo(ScheduleKind.values(), vm.scheduleProperty(), "train-schedule");
        Controls.tipped(schedule, """
                The forward process dx = f dt + g dw the model learns to reverse.
                SIMPLE: β(t) = 20t, α = exp(−5t²) (the paper's).  COSINE: α = cos(πt/2) (the paper's).
                VP_LINEAR: score_sde's β from 0.1 to 20.  SUB_VP, VE: the other families of MATH.md §1.""");
        Spinner<Integer> width = intSpinner(8, 512, vm.widthProperty().get(), 16, v -> vm.widthProperty().set(v));
        vm.widthProperty().addListener((obs, old, v) -> width.getValueFactory().setValue(v.intValue()));
        Spinner<Integer> depth = intSpinner(1, 8, vm.depthProperty().get(), 1, v -> vm.depthProperty().set(v));
        vm.depthProperty().addListener((obs, old, v) -> depth.getValueFactory().setValue(v.intValue()));
        Controls.tipped(width, "Hidden units per layer of the MLP s_θ(x, t).");
        Controls.tipped(depth, "Hidden layers. The WKB correction needs third derivatives in x: smooth activations only.");
        for (Spinner<Integer> sp : java.util.List.of(width, depth)) {
            sp.getEditor().setPrefColumnCount(4);
            sp.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox size = new HBox(6, width, new Label("×"), depth);
        size.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(width, Priority.ALWAYS);
        HBox.setHgrow(depth, Priority.ALWAYS);
        ComboBox<Activation> activation = combo(Activation.values(), vm.activationProperty(), "train-activation");
        ComboBox<Target> target = combo(Target.values(), vm.targetProperty(), "train-target");
        Controls.tipped(target, """
                What the network outputs, with x_t = α x₀ + σ ε; every target converts to the score:
                SCORE s directly · EPSILON s = −ε_θ/σ · X0 s = −(x − α x₀_θ)/σ² · V v = α ε − σ x₀.""");
        ComboBox<Weighting> weighting = combo(Weighting.values(), vm.weightingProperty(), "train-weighting");
        Controls.tipped(weighting, """
                DSM loss E_t λ(t) E‖s_θ(x_t, t) + ε/σ_t‖².
                SIGMA2: λ = σ² (standard).  G2: λ = g² (likelihood weighting; bounds the KL).
                G2_IMPORTANCE: λ = g² with t drawn ∝ g²/σ² — same objective, lower variance.""");

        ComboBox<Objective> objective = combo(Objective.values(), vm.objectiveProperty(), "train-objective");
        Controls.tipped(objective, """
                The score-matching objective (MATH.md §2, §7); same minimiser, all drawn on the DSM scale:
                DSM  E λ ½‖s_θ + ε/σ_t‖²                 regress the conditional score (Vincent)
                ISM  E λ [½‖s_θ‖² + ∇·s_θ] + E λ/σ²       exact divergence of the network (Hyvärinen)
                SSM  E λ [½‖s_θ‖² + vᵀ(∇s_θ)v] + E λ/σ²   a random slice v (Song et al.)
                DSM = ISM + E λ/σ² by integration by parts; ISM and SSM cost 2–3× a DSM step.""");
        TextField lr = Controls.numberField(vm.learningRateProperty().get(), "%.1e", v -> {
            if (!(v > 0 && v <= 1)) {
                return "the learning rate must be in (0, 1]";
            }
            vm.learningRateProperty().set(v);
            return null;
        });
        lr.setId("train-lr");
        vm.learningRateProperty().addListener((obs, old, v) ->
                lr.setText(String.format(Locale.ROOT, "%.1e", v.doubleValue())));
        Controls.tipped(lr, "Adam step size (the paper: 1e-3).");
        TextField steps = Controls.numberField(vm.stepsProperty().get(), "%.0f", v -> {
            if (!(v >= 1 && v <= 10_000_000) || v != Math.rint(v)) {
                return "steps must be a whole number between 1 and 10 000 000";
            }
            vm.stepsProperty().set((long) v);
            return null;
        });
        steps.setId("train-steps");
        vm.stepsProperty().addListener((obs, old, v) -> steps.setText(Long.toString(v.longValue())));
        Controls.tipped(steps, "Optimiser steps. The bundled models use 20 000 (see assets/README.md).");
        Spinner<Integer> batch = intSpinner(16, 8192, vm.batchSizeProperty().get(), 128,
                v -> vm.batchSizeProperty().set(v));
        vm.batchSizeProperty().addListener((obs, old, v) -> batch.getValueFactory().setValue(v.intValue()));
        Spinner<Integer> seed = intSpinner(0, Integer.MAX_VALUE, (int) vm.seedProperty().get(), 1,
                v -> vm.seedProperty().set(v));
        vm.seedProperty().addListener((obs, old, v) -> seed.getValueFactory().setValue((int) v.longValue()));
        Controls.tipped(seed, "Seeds the initial weights, the batches, t and ε: the same seed gives the same model.");

        Button paper = new Button("Paper setup");
        paper.setOnAction(e -> vm.applyPaperSetup());
        Controls.tipped(paper, "Raw-t 3×128 SiLU score network, g² weighting on the 1000-point grid, Adam 1e-3, "
                + "batch 512, 16 000 epochs (MATH.md §2).");
        Button defaults = new Button("App defaults");
        defaults.setOnAction(e -> vm.applyDefaults());
        Controls.tipped(defaults, "Sinusoidal time features, ε target, σ² weighting, batch 1024, EMA 0.999, clip 1.");

        train.setId("train-start");
        train.setDefaultButton(false);
        train.setOnAction(e -> vm.train());
        Controls.tipped(train, "Train on the current data set; the scene re-samples with the new weights every "
                + "few hundred steps.");
        pause.setId("train-pause");
        pause.textProperty().bind(Bindings.createStringBinding(
                () -> vm.stateProperty().get() == TrainingJob.State.PAUSED ? "▶ Resume" : "❚❚ Pause",
                vm.stateProperty()));
        pause.setOnAction(e -> {
            if (vm.stateProperty().get() == TrainingJob.State.PAUSED) {
                vm.resume();
            } else {
                vm.pause();
            }
        });
        stop.setId("train-stop");
        stop.setOnAction(e -> vm.stop());
        Controls.tipped(stop, "Stop and keep the weights reached so far.");
        train.disableProperty().bind(Bindings.createBooleanBinding(vm::isRunning, vm.stateProperty()));
        // a run takes minutes: the lecturer may be on another panel when it ends. The state and the final
        // status line arrive as two events in either order; the notice waits for both, once per run.
        boolean[] told = {false};
        javafx.beans.InvalidationListener finished = o -> {
            TrainingJob.State s = vm.stateProperty().get();
            if (s == TrainingJob.State.RUNNING) {
                told[0] = false;
            } else if (s == TrainingJob.State.FINISHED && !told[0]
                    && vm.statusLineProperty().get().startsWith("trained")) {
                told[0] = true;
                notifyFinished(vm);
            }
        };
        vm.stateProperty().addListener(finished);
        vm.statusLineProperty().addListener(finished);
        pause.disableProperty().bind(train.disableProperty().not());
        stop.disableProperty().bind(train.disableProperty().not());
        HBox actions = new HBox(8, train, pause, stop);
        for (Button b : new Button[] {train, pause, stop}) {
            b.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(b, Priority.ALWAYS);
        }

        ProgressBar progress = new ProgressBar();
        progress.setId("train-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(vm.progressProperty());
        Label status = new Label();
        status.setId("train-status");
        status.getStyleClass().add("status-line");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusLineProperty());

        Label warning = messageLabel("train-warning", "warning-label");
        warning.textProperty().bind(vm.warningProperty());
        warning.visibleProperty().bind(vm.warningProperty().isNotEmpty());
        Label error = messageLabel("train-error", "error-label");
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());

        ComboBox<PretrainedModel> pretrained = new ComboBox<>();
        pretrained.setId("pretrained-picker");
        pretrained.getItems().setAll(PretrainedModel.values());
        pretrained.setPromptText("Open a pretrained model…");
        pretrained.setConverter(new StringConverter<>() {
            @Override
            public String toString(PretrainedModel m) {
                return m == null ? "" : m.displayName();
            }

            @Override
            public PretrainedModel fromString(String s) {
                return null;
            }
        });
        pretrained.setMaxWidth(Double.MAX_VALUE);
        pretrained.setOnAction(e -> {
            PretrainedModel m = pretrained.getValue();
            if (m != null) {
                vm.loadPretrained(m);
                pretrained.getSelectionModel().clearSelection();
            }
        });
        pretrained.disableProperty().bind(train.disableProperty());
        Controls.tipped(pretrained, "The models shipped in assets/checkpoints: swiss roll and 25 gaussians under the "
                + "paper's two schedules.");

        Button save = new Button("Save model…");
        save.setId("save-model");
        save.disableProperty().bind(vm.checkpointProperty().isNull().or(train.disableProperty()));
        save.setOnAction(e -> {
            FileChooser chooser = checkpointChooser("Save the model (weights .safetensors + card .json)");
            chooser.setInitialFileName("model.safetensors");
            File f = chooser.showSaveDialog(getScene().getWindow());
            if (f != null) {
                vm.save(f.toPath());
            }
        });
        Button load = new Button("Load model…");
        load.setId("load-model");
        load.disableProperty().bind(train.disableProperty());
        load.setOnAction(e -> {
            File f = checkpointChooser("Load a model (.safetensors or .json)").showOpenDialog(getScene().getWindow());
            if (f != null) {
                vm.loadFile(f.toPath());
            }
        });
        HBox files = new HBox(8, save, load);
        for (Button b : new Button[] {save, load}) {
            b.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(b, Priority.ALWAYS);
        }

        Button all = new Button("All settings…");
        all.setId("train-all-settings");
        Controls.tipped(all, "Every training setting (σ_max, time embedding, time sampling, batching, Adam, clipping, "
                + "EMA, …) with the command line's names and formulas.");
        all.setOnAction(e -> {
            if (settingsWindow == null) {
                settingsWindow = TrainingSettingsSheet.window(getScene().getWindow(), vm);
            }
            settingsWindow.show();
            settingsWindow.toFront();
        });

        javafx.scene.control.CheckBox conditional = new javafx.scene.control.CheckBox("Conditional on labels");
        conditional.setId("train-conditional");
        conditional.selectedProperty().bindBidirectional(vm.conditionalProperty());
        conditional.disableProperty().bind(vm.dataLabelledProperty().not().and(vm.conditionalProperty().not()));
        Controls.tipped(conditional, "Train s_θ(x, t, class) on the data's class labels, each label replaced by the "
                + "null label ∅ " + Math.round(100 * org.diffusionplayground.model.score.Guidance.LABEL_DROPOUT)
                + "% of the time, so one network learns every class and all of the data: then the "
                + "sampler panel's class and guidance scale w apply (classifier-free guidance, Ho & Salimans 2022).");

        getChildren().addAll(
                Controls.row(Controls.caption("Schedule"), schedule),
                Controls.row(Controls.caption("Network"), size),
                Controls.row(Controls.caption("Activation"), activation),
                Controls.row(Controls.caption("Target"), target),
                Controls.row(Controls.caption("Weighting"), weighting),
                Controls.row(Controls.caption("Objective"), objective),
                Controls.row(Controls.caption("Learning rate"), lr),
                Controls.row(Controls.caption("Steps"), steps),
                Controls.row(Controls.caption("Batch"), batch),
                Controls.row(Controls.caption("Seed"), seed),
                conditional,
                new HBox(8, paper, defaults, all),
                actions, progress, status, warning, error,
                new Separator(), pretrained, files);
        for (Region r : new Region[] {schedule, activation, target, weighting, objective, batch, seed, size}) {
            r.setMaxWidth(Double.MAX_VALUE);
        }
    }

    private void notifyFinished(TrainingViewModel vm) {
        if (getScene() != null) {
            JobNotices.finished(getScene().getWindow(), "Training finished", vm.statusLineProperty().get());
        }
    }

    private static <T> ComboBox<T> combo(T[] values, ObjectProperty<T> property, String id) {
        ComboBox<T> box = new ComboBox<>();
        box.setId(id);
        box.getItems().setAll(values);
        box.valueProperty().bindBidirectional(property);
        return box;
    }

    private static Spinner<Integer> intSpinner(int min, int max, int initial, int step,
            java.util.function.IntConsumer onChange) {
        Spinner<Integer> s = new Spinner<>(min, max, Math.max(min, Math.min(max, initial)), step);
        s.setEditable(true);
        s.valueProperty().addListener((obs, old, v) -> {
            if (v != null) {
                onChange.accept(v);
            }
        });
        return s;
    }

    private static Label messageLabel(String id, String style) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private static FileChooser checkpointChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Diffusion Playground model", "*.safetensors", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        return chooser;
    }
}
