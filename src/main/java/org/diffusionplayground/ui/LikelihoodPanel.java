package org.diffusionplayground.ui;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.diffusionplayground.app.LikelihoodViewModel;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.ui.kit.Controls;

/**
 * The likelihood view: tolerance and points, Compute / Cancel with progress, the NLL-versus-𝔥 chart
 * with its marker at the sampler's 𝔥, and the switch that colours the evaluated points by C(x₀).
 */
public final class LikelihoodPanel extends VBox {

    static final String WKB_FORMULA = """
            First order in 𝔥 (WKB; Hirono, Tanaka & Fukushima, ICML 2024): log q₀^𝔥(x₀) = log q₀⁰(x₀) + 𝔥·C(x₀) + O(𝔥²),
              C = −∫ ½g² [∇·s_θ − Δℓ + ∇ℓ·(s_θ − ∇ℓ)] dt along the ODE path,  ℓ = log q_t⁰.
            NLL(𝔥) ≈ NLL(0) − 𝔥·E[C]: a falling line means noise (𝔥 > 0) makes the data more likely.
            NLL(0) is exact up to the tolerance: the probability-flow ODE with the exact 2-D divergence.""";

    private final LikelihoodChart chart;
    private final W2Chart w2Chart;
    private final CheckBox closeUp = new CheckBox("Close-up 𝔥 ≤ 0.1");

    public LikelihoodPanel(LikelihoodViewModel vm, SceneViewModel scene, ObservableValue<Theme> theme) {
        setSpacing(8);
        setPadding(new Insets(8));
        getStyleClass().add("chart-panel");

        ComboBox<Double> tol = new ComboBox<>();
        tol.setId("likelihood-tolerance");
        tol.getItems().setAll(LikelihoodViewModel.TOLERANCES);
        tol.setValue(vm.toleranceProperty().get());
        tol.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : String.format(Locale.ROOT, "%.0e", v);
            }

            @Override
            public Double fromString(String s) {
                return Double.valueOf(s);
            }
        });
        tol.valueProperty().addListener((obs, old, v) -> {
            if (v != null) {
                vm.requestTolerance(v);
            }
        });
        vm.toleranceProperty().addListener((obs, old, v) -> tol.setValue(v.doubleValue()));
        Controls.tipped(tol, "rtol = atol of the adaptive Dormand–Prince solver (the paper's table: 1e-3 and 1e-5).");
        Spinner<Integer> points = new Spinner<>(LikelihoodViewModel.MIN_POINTS, LikelihoodViewModel.MAX_POINTS,
                vm.pointsProperty().get(), 100);
        points.setId("likelihood-points");
        points.setEditable(true);
        points.getEditor().setPrefColumnCount(5); // wide enough for 5000 at lecture-mode font sizes too
        points.setPrefWidth(javafx.scene.layout.Region.USE_COMPUTED_SIZE);
        points.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        points.valueProperty().addListener((obs, old, v) -> {
            if (v != null) {
                vm.requestPoints(v);
            }
        });
        vm.pointsProperty().addListener((obs, old, v) -> points.getValueFactory().setValue(v.intValue()));
        Controls.tipped(points, "Held-out points drawn from the data's generator (imported or drawn data: the data itself).");

        Button compute = new Button("Compute");
        compute.setId("likelihood-compute");
        compute.setOnAction(e -> vm.compute());
        Button cancel = new Button("Cancel");
        cancel.setId("likelihood-cancel");
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.activity().busyProperty().not());
        ProgressBar progress = new ProgressBar();
        progress.setId("likelihood-progress");
        progress.progressProperty().bind(vm.activity().progressProperty());
        progress.visibleProperty().bind(vm.activity().busyProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);

        Label tolLabel = new Label("Tolerance");
        Label pointsLabel = new Label("Points");
        for (Label l : new Label[] {tolLabel, pointsLabel}) {
            l.getStyleClass().add("caption-inline");
            l.setMinWidth(Label.USE_PREF_SIZE);
        }
        HBox settings = new HBox(8, tolLabel, tol, pointsLabel, points);
        settings.setAlignment(Pos.CENTER_LEFT);
        HBox actions = new HBox(8, compute, cancel, progress);
        actions.setAlignment(Pos.CENTER_LEFT);
        for (Button b : new Button[] {compute, cancel}) {
            b.setMinWidth(Button.USE_PREF_SIZE);
        }
        VBox controls = new VBox(6, settings, actions);

        CheckBox map = new CheckBox("Colour the points by C(x₀)");
        map.setId("likelihood-map");
        map.selectedProperty().bindBidirectional(vm.showCorrectionMapProperty());
        Controls.tipped(map, "Each evaluated point coloured by its first-order coefficient: purple C > 0 (noise makes "
                + "it more likely), orange C < 0.");
        CheckBox auto = new CheckBox("Recompute by itself");
        auto.selectedProperty().bindBidirectional(vm.autoProperty());
        Controls.tipped(auto, "Recompute when the model, the data or the tolerance changes (not while training).");
        CheckBox exact = new CheckBox("Exact curve and W2");
        exact.setId("likelihood-exact");
        exact.selectedProperty().bindBidirectional(vm.exactCurveProperty());
        Controls.tipped(exact, "Also solve the Fokker–Planck equation of the 𝔥-sampler on a grid for the exact NLL(𝔥) "
                + "at 𝔥 = 0, 0.003, 0.01, 0.03, 0.1, 0.25, … 3 (same points), and measure W2 and MMD² between the "
                + "scene's samples and an i.i.d. draw of the data at 𝔥 = 0, 0.25, … 3, beside their i.i.d. noise floor. "
                + "Takes about as long again as the first-order line.");
        closeUp.setId("likelihood-close-up");
        Controls.tipped(closeUp, "First order is the tangent at 𝔥 = 0: zoom to 0 … 0.1 to see where the exact curve "
                + "touches the line and where it bends away (on the bundled swiss roll near 𝔥 ≈ 0.003–0.01).");
        javafx.scene.layout.FlowPane toggles = new javafx.scene.layout.FlowPane(16, 6, map, auto, exact, closeUp);

        javafx.scene.control.ToggleButton pick = new javafx.scene.control.ToggleButton("Click a point");
        pick.setId("likelihood-pick");
        pick.selectedProperty().bindBidirectional(vm.pickProperty());
        pick.setMinWidth(javafx.scene.control.ToggleButton.USE_PREF_SIZE);
        Controls.tipped(pick, "While on, a click on the scene computes that point's NLL at 𝔥 = 0 and its C(x₀), and draws "
                + "its probability-flow path back to the prior with arrows of ∇log q_t along it (off: a click launches "
                + "a particle from there).");
        Label pointLine = new Label();
        pointLine.setId("likelihood-point");
        pointLine.getStyleClass().add("status-line");
        pointLine.setWrapText(true);
        pointLine.textProperty().bind(Bindings.createStringBinding(() -> vm.pointTextProperty().get().isEmpty()
                && vm.pickProperty().get() ? "Click the scene: that point's likelihood and path." : vm.pointTextProperty().get(),
                vm.pointTextProperty(), vm.pickProperty()));
        HBox.setHgrow(pointLine, Priority.ALWAYS);
        HBox pointRow = new HBox(8, pick, pointLine);
        pointRow.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.setId("likelihood-status");
        status.getStyleClass().add("status-line");
        status.setWrapText(true);
        status.textProperty().bind(Bindings.createStringBinding(
                () -> vm.activity().errorProperty().get().isEmpty() ? vm.activity().statusProperty().get() : "⚠ " + vm.activity().errorProperty().get(),
                vm.activity().errorProperty(), vm.activity().statusProperty()));

        chart = new LikelihoodChart(theme);
        closeUp.selectedProperty().addListener((obs, old, on) -> chart.setCloseUp(on));
        Controls.tipped(chart, WKB_FORMULA);
        VBox.setVgrow(chart, Priority.ALWAYS);
        // a result for earlier settings (tolerance, points) stays up, marked, until the new one is in; one for
        // another model, schedule or data set is cleared by the view-model
        Runnable redraw = () -> chart.show(vm.lineProperty().get(),
                vm.staleProperty().get() && vm.lineProperty().get() != null ? "for earlier settings" : "");
        w2Chart = new W2Chart(theme);
        w2Chart.prefHeightProperty().bind(heightProperty().multiply(0.3));
        Runnable redrawExact = () -> {
            chart.showExact(vm.exactProperty().get() == null ? null : vm.exactProperty().get().nllCurve());
            w2Chart.show(vm.w2Property().get(), vm.w2FloorProperty().get());
        };
        vm.lineProperty().addListener(x -> redraw.run());
        vm.staleProperty().addListener(x -> redraw.run());
        vm.exactProperty().addListener(x -> redrawExact.run());
        vm.w2Property().addListener(x -> redrawExact.run());
        chart.markH(scene.hProperty().get());
        w2Chart.markH(scene.hProperty().get());
        scene.hProperty().addListener((obs, old, v) -> {
            chart.markH(v.doubleValue());
            w2Chart.markH(v.doubleValue());
        });

        getChildren().addAll(controls, toggles, pointRow, status, chart, w2Chart);
    }

    /** Ticks "Close-up 𝔥 ≤ 0.1" (a start option sets up the room before the lecture). */
    public void showCloseUp(boolean on) {
        closeUp.setSelected(on);
    }

    public LikelihoodChart chart() {
        return chart;
    }

    public W2Chart w2Chart() {
        return w2Chart;
    }
}
