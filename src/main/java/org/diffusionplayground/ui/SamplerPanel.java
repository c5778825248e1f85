package org.diffusionplayground.ui;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.scene.SolverChoice;
import org.diffusionplayground.ui.kit.Controls;

/**
 * The sampler controls: the 𝔥 slider (0 … 3, ticks at 0 and 1 labelled "ODE" and "SDE") with its numeric
 * field, the split view with a second 𝔥, particles, steps, seed, solver and corrector, and the guidance of a
 * conditional model (class and scale).
 */
public final class SamplerPanel extends VBox {

    static final String H_FORMULA = """
            The 𝔥-sampler (Hirono, Tanaka & Fukushima, ICML 2024):
              dx = [ f(x,t) − (1+𝔥)/2 · g(t)² s_θ(x,t) ] dt + √𝔥 · g(t) dw
            integrated from t = T down to t_min (dw: Brownian noise, run backward in time).
            𝔥 = 0: probability-flow ODE (deterministic)   𝔥 = 1: reverse SDE   𝔥 = 2: f − (3/2)g²s.
            With a perfect score every 𝔥 gives the same marginals; with a learned one they differ.
            The same seed gives the same noise at every 𝔥, so a slider move shows the effect of 𝔥 alone.""";

    private final Slider hSlider;
    private final TextField hField;

    public SamplerPanel(SceneViewModel vm) {
        setSpacing(10);
        setPadding(new Insets(4, 2, 4, 2));
        getStyleClass().add("panel");

        hSlider = new Slider(0, SceneViewModel.SLIDER_MAX_H, vm.hProperty().get());
        hSlider.setId("h-slider");
        hSlider.setShowTickMarks(true);
        hSlider.setShowTickLabels(true);
        hSlider.setMajorTickUnit(1);
        hSlider.setMinorTickCount(3);
        hSlider.setBlockIncrement(PresenterKeys.H_STEP); // ←/→ when focused: the same step as ↑/↓ anywhere
        hSlider.setLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                if (v == 0) {
                    return "0 ODE";
                }
                if (v == 1) {
                    return "1 SDE";
                }
                return String.format(Locale.ROOT, "%.0f", v);
            }

            @Override
            public Double fromString(String s) {
                return Double.valueOf(s.replaceAll("[^0-9.]", ""));
            }
        });
        Controls.tipped(hSlider, H_FORMULA);
        // the slider snaps to 0 and 1 near them: the two named processes are easy to hit in a lecture
        hSlider.valueProperty().addListener((obs, old, v) -> {
            double x = v.doubleValue();
            double snapped = Math.abs(x) < 0.03 ? 0 : Math.abs(x - 1) < 0.03 ? 1 : Math.round(x * 100) / 100.0;
            if (snapped != vm.hProperty().get()) {
                vm.requestH(snapped);
            }
        });
        vm.hProperty().addListener((obs, old, v) -> {
            if (Math.abs(hSlider.getValue() - v.doubleValue()) > 1e-9 && v.doubleValue() <= hSlider.getMax()) {
                hSlider.setValue(v.doubleValue());
            }
        });
        hField = Controls.numberField(vm.hProperty().get(), "%.2f", vm::requestH);
        hField.setId("h-field");
        vm.hProperty().addListener((obs, old, v) -> hField.setText(String.format(Locale.ROOT, "%.2f", v.doubleValue())));

        HBox hHeader = new HBox(8, Controls.mathLabel("𝔥  noise level of the sampler"), spacer(), hField);
        hHeader.getStyleClass().add("h-header");

        CheckBox split = new CheckBox("Split view: compare with");
        split.setId("split-toggle");
        split.selectedProperty().bindBidirectional(vm.splitProperty());
        TextField second = Controls.numberField(vm.compareHProperty().get(), "%.2f", vm::requestCompareH);
        second.disableProperty().bind(split.selectedProperty().not());
        vm.compareHProperty().addListener((obs, old, v) -> second.setText(String.format(Locale.ROOT, "%.2f",
                v.doubleValue())));
        Controls.tipped(split, "Show two samplers side by side on the same seed: same prior draw, same noise.");

        Spinner<Integer> particles = new Spinner<>(1, SceneViewModel.MAX_PARTICLES, vm.particlesProperty().get(), 500);
        particles.setEditable(true);
        particles.setId("sampler-particles");
        particles.valueProperty().addListener((obs, old, v) -> vm.requestParticles(v));
        follow(particles, vm.particlesProperty());
        Spinner<Integer> steps = new Spinner<>(10, 5000, vm.stepsProperty().get(), 50);
        steps.setEditable(true);
        steps.setId("sampler-steps");
        steps.valueProperty().addListener((obs, old, v) -> vm.stepsProperty().set(v));
        follow(steps, vm.stepsProperty());
        Controls.tipped(steps, "Number of sampler steps from T to t_min, placed as the solver says (equal steps in t "
                + "as in the paper, or equal steps in log-SNR).");
        Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, (int) vm.seedProperty().get(), 1);
        seed.setEditable(true);
        seed.setId("sampler-seed");
        seed.valueProperty().addListener((obs, old, v) -> vm.seedProperty().set(v));
        follow(seed, vm.seedProperty());
        Controls.tipped(seed, "Seed of the prior draw and of every noise increment (counter-based: the same at every 𝔥).");

        ComboBox<SolverChoice> solver = new ComboBox<>();
        solver.getItems().setAll(SolverChoice.values());
        solver.setId("sampler-solver");
        // the solver above its step schedule: one line would not fit the panel in lecture mode
        solver.setConverter(new StringConverter<>() {
            @Override
            public String toString(SolverChoice c) {
                return c == null ? "" : c.toString().replace(", ", "\n");
            }

            @Override
            public SolverChoice fromString(String s) {
                return null;
            }
        });
        solver.valueProperty().bindBidirectional(vm.solverProperty());
        Controls.tipped(solver, """
                Exponential integrator (default): the linear part of F_𝔥 solved exactly and the noise drawn with
                its exact variance, any 𝔥; stable where g² is large (near T of the cosine schedule).
                Euler–Maruyama: x ← x − F_𝔥 Δ + √𝔥 g √Δ z, any 𝔥 (the paper's sampler).
                Heun and Dormand–Prince integrate the probability-flow ODE (𝔥 = 0) to higher order;
                for 𝔥 > 0 they fall back to Euler–Maruyama.""");
        CheckBox corrector = new CheckBox("Langevin corrector");
        corrector.selectedProperty().bindBidirectional(vm.correctorProperty());
        Controls.tipped(corrector, "Predictor–corrector: after each step, x ← x + ε s_θ + √(2ε) z with ε = 2(r‖z‖/‖s‖)², r = 0.16.");

        getChildren().addAll(hHeader, hSlider, new HBox(8, split, second), new Separator(),
                Controls.row(Controls.caption("Particles"), particles),
                Controls.row(Controls.caption("Steps"), steps),
                Controls.row(Controls.caption("Seed"), seed),
                new VBox(4, Controls.caption("Solver"), solver), // on its own line: the names are long
                corrector, new GuidanceControls(vm));
        for (Region r : new Region[] {particles, steps, seed, solver}) {
            r.setMaxWidth(Double.MAX_VALUE);
        }
    }

    /**
     * The spinner shows the scene's value whenever it changes elsewhere (a preset, a lesson step, the command
     * line), not only when typed here.
     */
    private static void follow(Spinner<Integer> spinner, javafx.beans.value.ObservableValue<? extends Number> value) {
        value.addListener((obs, old, v) -> {
            if (v != null && (spinner.getValue() == null || spinner.getValue() != v.intValue())) {
                spinner.getValueFactory().setValue(v.intValue());
            }
        });
    }

    public Slider hSlider() {
        return hSlider;
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }
}
