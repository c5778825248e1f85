package org.diffusionplayground.ui;

import javafx.beans.property.BooleanProperty;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.layout.VBox;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.ui.kit.Controls;

/** Toggles of what the scene shows at time t. */
public final class OverlayPanel extends VBox {

    public OverlayPanel(SceneViewModel vm) {
        setSpacing(8);
        setPadding(new Insets(4, 2, 4, 2));
        getChildren().addAll(
                toggle("Data points", vm.showDataProperty(), "show-data", "The training set."),
                toggle("Trails", vm.showTrailsProperty(), "show-trails",
                        "Paths of the first 80 particles from T down to the current t."),
                toggle("Model score field", vm.showFieldProperty(), "show-field",
                        "s_θ(x, t) at the current t: normalised arrows, colour = log(1 + |s|)."),
                toggle("Exact score field", vm.showExactFieldProperty(), "show-exact-field",
                        "∇log p_t of the data: closed form for Gaussian mixtures, otherwise the empirical score "
                                + "(softmax over up to 500 data points)."),
                toggle("Axes and grid", vm.showAxesProperty(), "show-axes", "Coordinates of the data."),
                toggle("Legend", vm.showLegendProperty(), "show-legend", "What each colour means."));
    }

    /** More rows from other parts of the window (the density heatmap, later the lenses). */
    public void add(javafx.scene.Node... nodes) {
        getChildren().addAll(nodes);
    }

    static CheckBox toggle(String label, BooleanProperty property, String id, String tip) {
        CheckBox box = new CheckBox(label);
        box.setId(id);
        box.selectedProperty().bindBidirectional(property);
        return Controls.tipped(box, tip);
    }
}
