package org.diffusionplayground.ui;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.stage.Window;
import org.diffusionplayground.app.AppViewModel;
import org.diffusionplayground.app.ExportViewModel;
import org.diffusionplayground.export.ImageExport;

/** Export Image: the scene or a chart, PNG (raster) or SVG/PDF (vectors), at a chosen size and background. */
final class ExportImageDialog extends ExportDialog {

    ExportImageDialog(ExportViewModel vm, AppViewModel app, Window owner) {
        super(vm, app, owner, "Export image", "export-image", new String[][] {
            {"PNG image", "*.png"}, {"SVG (vectors)", "*.svg"}, {"PDF (vectors)", "*.pdf"}});
        ComboBox<Object> what = new ComboBox<>();
        what.setId("export-image-target");
        ObservableList<Object> items = FXCollections.observableArrayList();
        Runnable refill = () -> {
            items.setAll(ExportViewModel.SCENE);
            items.addAll(vm.charts());
        };
        refill.run();
        vm.charts().addListener((javafx.collections.ListChangeListener<ExportViewModel.ChartTarget>) c -> refill.run());
        what.setItems(items);
        what.valueProperty().bindBidirectional(vm.targetProperty());
        what.setMaxWidth(Double.MAX_VALUE);
        row("Export", what);

        ComboBox<ExportViewModel.SizeChoice> size = new ComboBox<>();
        size.setId("export-image-size");
        size.getItems().setAll(ExportViewModel.SizeChoice.values());
        size.valueProperty().bindBidirectional(vm.sizeProperty());
        size.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Spinner<Integer> w = new Spinner<>(16, ImageExport.MAX_SIDE, vm.customWidthProperty().get(), 10);
        Spinner<Integer> h = new Spinner<>(16, ImageExport.MAX_SIDE, vm.customHeightProperty().get(), 10);
        for (Spinner<Integer> s : java.util.List.of(w, h)) {
            s.setEditable(true);
            s.setPrefWidth(120);
        }
        w.valueProperty().addListener((o, a, v) -> vm.customWidthProperty().set(v));
        h.valueProperty().addListener((o, a, v) -> vm.customHeightProperty().set(v));
        Label pixels = new Label();
        pixels.getStyleClass().add("hint");
        pixels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        pixels.textProperty().bind(Bindings.createStringBinding(() -> {
            int[] wh = vm.imageSize();
            return "= " + wh[0] + " × " + wh[1] + " pixels";
        }, vm.sizeProperty(), vm.customWidthProperty(), vm.customHeightProperty()));
        row("Size", new HBox(10, size, pixels));
        HBox custom = new HBox(8, w, new Label("×"), h);
        custom.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        row("Width × height", custom);
        custom.disableProperty().bind(vm.sizeProperty().isNotEqualTo(ExportViewModel.SizeChoice.CUSTOM));

        CheckBox transparent = new CheckBox("Transparent background (for slides with their own)");
        transparent.setId("export-image-transparent");
        transparent.selectedProperty().bindBidirectional(vm.transparentProperty());
        row("Background", transparent);
        Label formats = new Label("The file's extension chooses the format: .png, or .svg / .pdf as vectors "
                + "(every point, path and arrow a shape; text as outlines).");
        formats.setWrapText(true);
        formats.getStyleClass().add("hint");
        row("", formats);
    }

    @Override
    protected void export(Path file, boolean replace, Consumer<Boolean> done) {
        vm.exportImage(file, replace, done);
    }

    @Override
    protected String problem(Path file) {
        return vm.imageProblem();
    }
}
