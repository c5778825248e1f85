package org.diffusionplayground.ui.lens;

import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.app.lens.LensesViewModel;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.scene.lens.Lens;

/**
 * The lenses' charts, stacked; each shows only while its lens is on, with a hint while none is.
 */
public final class LensCharts extends ScrollPane {

    /** The lenses with charts here. */
    public static final java.util.List<Lens> CHARTED = java.util.List.of(Lens.SPECIATION, Lens.ENTROPY, Lens.LANGEVIN,
            Lens.OBJECTIVES);

    private final VBox column = new VBox(10);
    private final java.util.List<org.diffusionplayground.app.ExportViewModel.ChartTarget> targets =
            new java.util.ArrayList<>();

    public LensCharts(LensesViewModel vm, SceneViewModel scene, ObservableValue<Theme> theme) {
        column.setPadding(new Insets(8));
        column.getStyleClass().add("chart-panel");
        javafx.scene.control.Label hint = new javafx.scene.control.Label("Switch on a lens in the Lenses panel: "
                + "symmetry breaking, entropy production, Langevin MCMC and the score-matching objectives draw their "
                + "charts here; Tweedie's denoiser and the probability current draw on the scene.");
        hint.setWrapText(true);
        hint.getStyleClass().add("lens-hint");
        hint.setMaxWidth(Double.MAX_VALUE);
        column.getChildren().add(hint);
        SpeciationCharts speciation = new SpeciationCharts(scene, vm.speciation(), theme);
        EntropyCharts entropy = new EntropyCharts(scene, vm.entropy(), theme);
        LangevinCharts langevin = new LangevinCharts(vm.langevin(), theme);
        ObjectiveRaceChart objectives = new ObjectiveRaceChart(vm.objectives(), theme);
        add(speciation, vm, Lens.SPECIATION);
        add(entropy, vm, Lens.ENTROPY);
        add(langevin, vm, Lens.LANGEVIN);
        add(objectives, vm, Lens.OBJECTIVES);
        target("Lens: mode assignment entropy (chart)", speciation.entropyChart());
        target("Lens: potential along two modes (chart)", speciation.potentialChart());
        target("Lens: entropy production rate (chart)", entropy.rateChart());
        target("Lens: per-path entropy and the fluctuation theorem (chart)", entropy.histogramChart());
        target("Lens: Langevin mode proportions (chart)", langevin.occupancyChart());
        target("Lens: Langevin mode hops (chart)", langevin.hopChart());
        target("Lens: score-matching objectives (chart)", objectives);
        setContent(column);
        setFitToWidth(true);
        setId("lens-charts");
        javafx.beans.binding.BooleanBinding any = vm.enabledProperty(Lens.SPECIATION)
                .or(vm.enabledProperty(Lens.ENTROPY)).or(vm.enabledProperty(Lens.LANGEVIN))
                .or(vm.enabledProperty(Lens.OBJECTIVES));
        hint.visibleProperty().bind(any.not());
        hint.managedProperty().bind(any.not());
    }

    /** The lens charts for the export dialog (PNG, SVG, PDF like any chart). */
    public java.util.List<org.diffusionplayground.app.ExportViewModel.ChartTarget> exportTargets() {
        return java.util.List.copyOf(targets);
    }

    private void target(String name, ThemedChart chart) {
        targets.add(new org.diffusionplayground.app.ExportViewModel.ChartTarget(name, chart::chart));
    }

    private void add(Node chart, LensesViewModel vm, Lens lens) {
        chart.visibleProperty().bind(vm.enabledProperty(lens));
        chart.managedProperty().bind(vm.enabledProperty(lens));
        column.getChildren().add(chart);
    }
}
