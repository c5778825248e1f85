package org.diffusionplayground.ui;

import java.io.File;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.diffusionplayground.app.DataViewModel;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.ui.kit.Controls;

/** Data set picker, CSV import and draw mode. */
public final class DataPanel extends VBox {

    public DataPanel(DataViewModel vm) {
        setSpacing(8);
        setPadding(new Insets(4, 2, 4, 2));
        ComboBox<ToyData> kind = new ComboBox<>();
        kind.setId("dataset-picker");
        kind.getItems().setAll(ToyData.values());
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(ToyData d) {
                return d == null ? "" : d.displayName();
            }

            @Override
            public ToyData fromString(String s) {
                return null;
            }
        });
        kind.valueProperty().bindBidirectional(vm.kindProperty());
        kind.setMaxWidth(Double.MAX_VALUE);
        Spinner<Integer> size = new Spinner<>(10, 100_000, vm.sizeProperty().get(), 500);
        size.setEditable(true);
        size.valueProperty().addListener((obs, old, v) -> vm.sizeProperty().set(v));
        vm.sizeProperty().addListener((obs, old, v) -> size.getValueFactory().setValue(v.intValue()));
        Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, (int) vm.seedProperty().get(), 1);
        seed.setEditable(true);
        seed.valueProperty().addListener((obs, old, v) -> vm.seedProperty().set(v));
        vm.seedProperty().addListener((obs, old, v) -> seed.getValueFactory().setValue((int) v.longValue()));
        Button generate = new Button("Use this data set");
        generate.setId("generate-data");
        generate.setOnAction(e -> vm.generate());
        generate.setMaxWidth(Double.MAX_VALUE);

        Button importCsv = new Button("Import CSV…");
        importCsv.setId("import-csv");
        importCsv.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Import points (x, y per line)");
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("CSV", "*.csv", "*.txt"),
                    new FileChooser.ExtensionFilter("All files", "*.*"));
            File f = chooser.showOpenDialog(getScene().getWindow());
            if (f != null) {
                vm.importCsv(f.toPath());
            }
        });
        CheckBox standardise = new CheckBox("Standardise imported data");
        standardise.selectedProperty().bindBidirectional(vm.standardiseProperty());
        Controls.tipped(standardise, "Shift to zero mean and scale to unit spread, like the built-in sets.");

        Button draw = new Button("Draw data…");
        draw.setId("draw-data");
        draw.textProperty().bind(vm.drawingProperty().map(d -> d ? "Use drawing" : "Draw data…"));
        draw.setOnAction(e -> {
            if (vm.drawingProperty().get()) {
                vm.finishDrawing();
            } else {
                vm.startDrawing();
            }
        });
        Controls.tipped(draw, "Drag on the scene to spray points; press again to train on them.");

        Label error = new Label();
        error.setId("data-error");
        error.getStyleClass().add("error-label");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        getChildren().addAll(kind, Controls.row(Controls.caption("Points"), size),
                Controls.row(Controls.caption("Seed"), seed), generate,
                new HBox(8, importCsv, draw), standardise, error);
        size.setMaxWidth(Double.MAX_VALUE);
        seed.setMaxWidth(Double.MAX_VALUE);
    }
}
