package org.diffusionplayground.app;

import java.io.IOException;
import java.nio.file.Path;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.diffusionplayground.model.data.CsvPoints;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.DataSource;
import org.diffusionplayground.model.data.DrawnPoints;
import org.diffusionplayground.model.data.InvalidDataException;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.scene.SceneOverlays;

/**
 * The data panel's logic: choose a built-in data set (kind, size, seed), import a CSV, or draw points.
 * A failed import leaves the current data set as it was and reports why, naming the line.
 */
public final class DataViewModel {

    private final ObjectProperty<DataSet> dataSet;
    private final ObjectProperty<ToyData> kind = new SimpleObjectProperty<>(this, "kind", ToyData.SWISS_ROLL);
    private final IntegerProperty size = new SimpleIntegerProperty(this, "size", 3000);
    private final LongProperty seed = new SimpleLongProperty(this, "seed", 0);
    private final BooleanProperty standardise = new SimpleBooleanProperty(this, "standardise", true);
    private final BooleanProperty drawing = new SimpleBooleanProperty(this, "drawing", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private DrawnPoints drawn = new DrawnPoints(1);

    public DataViewModel(ObjectProperty<DataSet> dataSet) {
        this.dataSet = dataSet;
        // a built-in data set arriving from elsewhere (a loaded model, a preset) shows in the picker
        dataSet.addListener((obs, old, d) -> {
            if (d != null && d.source() instanceof DataSource.BuiltIn b) {
                kind.set(b.kind());
                size.set(b.size());
                seed.set(b.seed());
            }
        });
    }

    public ObjectProperty<DataSet> dataSetProperty() {
        return dataSet;
    }

    public ObjectProperty<ToyData> kindProperty() {
        return kind;
    }

    public IntegerProperty sizeProperty() {
        return size;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    public BooleanProperty standardiseProperty() {
        return standardise;
    }

    public BooleanProperty drawingProperty() {
        return drawing;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Generates the chosen built-in data set. */
    public void generate() {
        try {
            dataSet.set(DataSet.builtIn(kind.get(), size.get(), seed.get()));
            error.set("");
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
        }
    }

    /** Imports a CSV; returns false (and keeps the current data) with the reason in {@link #errorProperty()}. */
    public boolean importCsv(Path file) {
        try {
            PointSet points = CsvPoints.read(file);
            if (standardise.get()) {
                points = points.standardised();
            }
            dataSet.set(DataSet.of(new DataSource.Imported(file.getFileName().toString(), points)));
            error.set("");
            return true;
        } catch (InvalidDataException e) {
            error.set(e.getMessage());
        } catch (IOException e) {
            error.set(file.getFileName() + ": cannot be read (" + e.getMessage() + ")");
        }
        return false;
    }

    /** Starts a new drawing (the old data stays until the drawing is used). */
    public void startDrawing() {
        drawn = new DrawnPoints(seed.get() + 1);
        drawing.set(true);
    }

    /** A mouse position while drawing: a small spray of points around it. */
    public void drawAt(double x, double y) {
        if (drawing.get()) {
            drawn.spray(x, y, 0.04, 6);
        }
    }

    public int drawnCount() {
        return drawn.size();
    }

    /** The points drawn so far (null when not drawing or nothing drawn yet), for the scene to show. */
    public PointSet preview() {
        return drawing.get() && drawn.size() >= 2 ? drawn.toDataSet().points() : null;
    }

    /** Shows the drawing in progress in place of the data set. */
    public SceneOverlays overlay() {
        return (builder, legend, t, h) -> {
            PointSet p = preview();
            if (p != null) {
                builder.data(p);
                builder.title("Draw your data: drag on the scene, then press “Use drawing”");
            }
        };
    }

    /** Ends drawing and makes the drawing the data set. */
    public boolean finishDrawing() {
        drawing.set(false);
        try {
            dataSet.set(drawn.toDataSet());
            error.set("");
            return true;
        } catch (InvalidDataException e) {
            error.set(e.getMessage());
            return false;
        }
    }
}
