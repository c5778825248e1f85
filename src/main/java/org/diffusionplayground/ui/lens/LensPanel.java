package org.diffusionplayground.ui.lens;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.layout.VBox;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.app.lens.EntropyLensModel;
import org.diffusionplayground.app.lens.LangevinLensModel;
import org.diffusionplayground.app.lens.LensesViewModel;
import org.diffusionplayground.scene.lens.Lens;
import org.diffusionplayground.ui.kit.Controls;

/**
 * The lens switches (MATH.md §7), each with its formula in the tooltip, and the settings of the lenses
 * that have any: the Langevin chain's noise level, step size and moves; where the entropy paths start
 * and how many. A status line says what is being computed.
 */
public final class LensPanel extends VBox {

    public LensPanel(LensesViewModel vm, SceneViewModel scene) {
        setSpacing(8);
        setPadding(new Insets(4, 2, 4, 2));
        getStyleClass().add("panel");
        for (Lens lens : Lens.values()) {
            CheckBox box = new CheckBox(lens.title());
            box.setId("lens-" + lens.id());
            box.selectedProperty().bindBidirectional(vm.enabledProperty(lens));
            Controls.tipped(box, lens.formula() + "\n\n" + lens.help());
            getChildren().add(box);
            Node settings = switch (lens) {
                case LANGEVIN -> langevinSettings(vm.langevin(), scene);
                case ENTROPY -> entropySettings(vm.entropy(), scene);
                case OBJECTIVES -> objectiveSettings(vm.objectives());
                default -> null;
            };
            if (settings != null) {
                settings.visibleProperty().bind(box.selectedProperty());
                settings.managedProperty().bind(box.selectedProperty());
                getChildren().add(settings);
            }
        }
        Label status = new Label();
        status.setWrapText(true);
        status.getStyleClass().add("status-bar");
        status.textProperty().bind(Bindings.createStringBinding(
                () -> vm.status().errorProperty().get().isEmpty() ? vm.status().messageProperty().get()
                        : "⚠ " + vm.status().errorProperty().get(),
                vm.status().errorProperty(), vm.status().messageProperty()));
        getChildren().add(status);
    }

    private static Label note(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("lens-hint");
        l.setPadding(new Insets(0, 0, 0, 24));
        l.setMaxWidth(330);
        l.setPrefWidth(330);
        return l;
    }

    private static VBox indented(Node... rows) {
        VBox box = new VBox(6, rows);
        box.setPadding(new Insets(0, 0, 4, 24));
        return box;
    }

    private static Node langevinSettings(LangevinLensModel m, SceneViewModel scene) {
        Slider t = timeSlider(m.timeProperty(), scene, "langevin-time");
        Label tValue = new Label();
        tValue.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "%.3f", m.timeProperty().get()), m.timeProperty()));
        Controls.tipped(t, "The noise level the chain samples at: p_t of the data (t_min: the data itself).");

        // log slider of η/σ_t² from 0.01 to 2
        Slider eta = new Slider(Math.log10(LangevinLensModel.MIN_RATIO), Math.log10(LangevinLensModel.MAX_RATIO),
                Math.log10(m.stepRatioProperty().get()));
        eta.setId("langevin-step");
        eta.valueChangingProperty().addListener((o, was, changing) -> {
            if (!changing) {
                m.stepRatioProperty().set(Math.pow(10, eta.getValue()));
            }
        });
        eta.setOnMouseReleased(e -> m.stepRatioProperty().set(Math.pow(10, eta.getValue())));
        Label etaValue = new Label();
        etaValue.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "η = %.2f σ_t² = %.2g", m.stepRatioProperty().get(), m.stepSize()),
                m.stepRatioProperty(), m.timeProperty(), scene.scheduleProperty()));
        Controls.tipped(eta, "Step size η as a multiple of σ_t², the noise variance at t. Larger steps mix faster "
                + "but bias the chain: on N(0, v) it samples v/(1 − η/(4v)).");

        Spinner<Integer> moves = new Spinner<>(10, LangevinLensModel.MAX_MOVES, m.movesProperty().get(), 100);
        moves.setEditable(true);
        moves.setId("langevin-moves");
        moves.valueProperty().addListener((o, was, v) -> m.movesProperty().set(v));
        Controls.tipped(moves, "Langevin moves; the animation plays them from T down to t_min beside the annealed "
                + "sampler.");
        return indented(Controls.row(Controls.caption("noise level t"), t), valueRow(tValue),
                Controls.row(Controls.caption("step size"), eta), valueRow(etaValue),
                Controls.row(Controls.caption("moves"), moves));
    }

    /**
     * A slider over the schedule's [t_min, T] that sets {@code time} when released (a run starts on every
     * change, so not while dragging) and follows it when it changes elsewhere.
     */
    private static Slider timeSlider(javafx.beans.property.DoubleProperty time, SceneViewModel scene, String id) {
        Slider slider = new Slider(scene.tMin(), scene.tMax(), time.get());
        slider.setId(id);
        scene.scheduleProperty().addListener((o, was, s) -> {
            if (s != null) {
                slider.setMin(s.tMin());
                slider.setMax(s.tMax());
            }
        });
        slider.valueChangingProperty().addListener((o, was, changing) -> {
            if (!changing) {
                time.set(slider.getValue());
            }
        });
        slider.setOnMouseReleased(e -> time.set(slider.getValue()));
        time.addListener((o, was, v) -> {
            if (Double.isFinite(v.doubleValue())) {
                slider.setValue(v.doubleValue());
            }
        });
        return slider;
    }

    private static Node valueRow(Label value) {
        value.getStyleClass().add("lens-value");
        value.setPadding(new Insets(0, 0, 0, 90));
        value.setMinWidth(Label.USE_PREF_SIZE);
        return value;
    }

    private static Node objectiveSettings(org.diffusionplayground.app.lens.ObjectivesLensModel m) {
        Spinner<Integer> steps = new Spinner<>(org.diffusionplayground.app.lens.ObjectivesLensModel.MIN_STEPS,
                org.diffusionplayground.app.lens.ObjectivesLensModel.MAX_STEPS, m.stepsProperty().get(), 500);
        steps.setEditable(true);
        steps.setId("objectives-steps");
        steps.valueProperty().addListener((o, was, v) -> m.stepsProperty().set(v));
        javafx.scene.control.Button again = new javafx.scene.control.Button("Race again");
        again.setId("objectives-race");
        again.setOnAction(e -> m.race());
        Controls.tipped(again, "Trains three small networks side by side, one per objective, on the scene's data.");
        return indented(Controls.row(Controls.caption("steps each"), steps), again,
                note("To train the scene's model with another objective, pick it in Data & training "
                        + "(Objective), or ./playground train --objective ISM|SSM."));
    }

    private static Node entropySettings(EntropyLensModel m, SceneViewModel scene) {
        Slider start = timeSlider(m.startProperty(), scene, "entropy-start");
        Label value = new Label();
        value.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "paths run from t = %.3f to T", m.startProperty().get()),
                m.startProperty()));
        Controls.tipped(start, "Forward paths start at this t (exact samples of p_t there) and run to T. Near "
                + "t_min the data is narrow and e^{−Δs} has an infinite variance; later starts converge.");
        Spinner<Integer> paths = new Spinner<>(EntropyLensModel.MIN_PATHS, EntropyLensModel.MAX_PATHS,
                m.pathsProperty().get(), 5_000);
        paths.setEditable(true);
        paths.setId("entropy-paths");
        paths.valueProperty().addListener((o, was, v) -> m.pathsProperty().set(v));
        return indented(Controls.row(Controls.caption("paths from"), start), valueRow(value),
                Controls.row(Controls.caption("paths"), paths));
    }
}
