package org.diffusionplayground.ui.lens;

import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.app.lens.Lens;
import org.diffusionplayground.app.lens.LensesViewModel;
import org.diffusionplayground.render.Theme;

/**
 * The lenses' charts, stacked; each shows only while its lens is on, and the whole column only while
 * one of them is.
 */
public final class LensCharts extends ScrollPane {

    private final VBox column = new VBox(10);

    public LensCharts(LensesViewModel vm, SceneViewModel scene, ObservableValue<Theme> theme) {
        column.setPadding(new Insets(8));
        column.getStyleClass().add("chart-panel");
        add(new SpeciationCharts(scene, vm.speciation(), theme), vm, Lens.SPECIATION);
        add(new EntropyCharts(scene, vm.entropy(), theme), vm, Lens.ENTROPY);
        add(new LangevinCharts(vm.langevin(), theme), vm, Lens.LANGEVIN);
        setContent(column);
        setFitToWidth(true);
        setPrefWidth(560);
        setId("lens-charts");
        getStyleClass().add("side-panel");
        javafx.beans.binding.BooleanBinding any = vm.enabledProperty(Lens.SPECIATION)
                .or(vm.enabledProperty(Lens.ENTROPY)).or(vm.enabledProperty(Lens.LANGEVIN));
        visibleProperty().bind(any);
        managedProperty().bind(any);
    }

    private void add(Node chart, LensesViewModel vm, Lens lens) {
        chart.visibleProperty().bind(vm.enabledProperty(lens));
        chart.managedProperty().bind(vm.enabledProperty(lens));
        column.getChildren().add(chart);
    }
}
