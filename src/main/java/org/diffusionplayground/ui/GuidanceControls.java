package org.diffusionplayground.ui;

import java.util.Locale;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.model.score.Guidance;
import org.diffusionplayground.ui.kit.Controls;

/**
 * The classifier-free guidance controls of the sampler panel: which class to sample and the guidance scale
 * w (0 … 8). Shown only for a conditional model (the sampler panel must fit a 720-pixel projector in lecture
 * mode, and an unconditional model has no class to offer); the scale is enabled once a class is chosen.
 */
final class GuidanceControls extends VBox {

    static final String FORMULA = """
            Classifier-free guidance (Ho & Salimans 2022):
              s_w(x,t) = (1 + w) · s(x,t | class) − w · s(x,t | ∅)
            replaces the score in the 𝔥-sampler. w = 0 samples the class as the model learned it;
            larger w pushes samples toward what distinguishes the class: more precise, less diverse.
            Only a model trained “conditional on labels” knows classes.""";

    GuidanceControls(SceneViewModel vm) {
        super(6);
        ComboBox<Integer> label = new ComboBox<>();
        label.setId("guidance-label");
        label.setMaxWidth(Double.MAX_VALUE);
        label.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer k) {
                return k == null || k == Guidance.NO_LABEL ? "all classes (unguided)" : "class " + k;
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        Runnable items = () -> {
            label.getItems().setAll(Guidance.NO_LABEL);
            for (int k = 0; k < vm.modelClassesProperty().get(); k++) {
                label.getItems().add(k);
            }
            label.setValue(vm.guidanceLabelProperty().get());
        };
        items.run();
        vm.modelClassesProperty().addListener((obs, old, k) -> items.run());
        label.valueProperty().addListener((obs, old, k) -> {
            if (k != null && k != vm.guidanceLabelProperty().get()) {
                vm.guidanceLabelProperty().set(k);
            }
        });
        vm.guidanceLabelProperty().addListener((obs, old, k) -> label.setValue(k.intValue()));

        Slider scale = new Slider(0, Guidance.MAX_SCALE, vm.guidanceScaleProperty().get());
        scale.setId("guidance-scale");
        scale.setShowTickMarks(true);
        scale.setMajorTickUnit(2);
        scale.setMinorTickCount(1);
        scale.valueProperty().addListener((obs, old, v) -> {
            double w = Math.round(v.doubleValue() * 4) / 4.0; // quarter steps: reproducible values
            if (w != vm.guidanceScaleProperty().get()) {
                vm.guidanceScaleProperty().set(w);
            }
        });
        vm.guidanceScaleProperty().addListener((obs, old, v) -> {
            if (Math.abs(scale.getValue() - v.doubleValue()) > 0.125) {
                scale.setValue(v.doubleValue());
            }
        });
        Label value = new Label();
        value.setId("guidance-scale-value");
        value.textProperty().bind(vm.guidanceScaleProperty().asString(Locale.ROOT, "%.2f"));
        value.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(scale, Priority.ALWAYS);

        label.disableProperty().bind(vm.modelClassesProperty().isEqualTo(0));
        scale.disableProperty().bind(vm.modelClassesProperty().isEqualTo(0)
                .or(vm.guidanceLabelProperty().lessThan(0)));
        value.disableProperty().bind(scale.disableProperty());
        Controls.tipped(label, FORMULA);
        Controls.tipped(scale, FORMULA + "\nThe scale runs from 0 to " + (int) Guidance.MAX_SCALE + ".");
        // two rows, and none without a conditional model: the panel must fit a 720-pixel projector in lecture mode
        visibleProperty().bind(vm.modelClassesProperty().greaterThan(0));
        managedProperty().bind(visibleProperty());
        HBox w = new HBox(6, scale, value);
        w.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().addAll(Controls.row(Controls.caption("Class"), label), Controls.row(Controls.caption("Guidance w"),
                w));
    }
}
