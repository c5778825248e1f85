package org.diffusionplayground.app;

import java.io.IOException;
import java.nio.file.Path;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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
import org.diffusionplayground.model.util.UserText;
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
    private final ReadOnlyBooleanWrapper importing = new ReadOnlyBooleanWrapper(this, "importing", false);
    private final Jobs jobs;
    private DrawnPoints drawn = new DrawnPoints(1);

    /** Imports run on the calling thread (view-model tests). */
    public DataViewModel(ObjectProperty<DataSet> dataSet) {
        this(dataSet, null);
    }

    /** Imports run as {@code jobs}, off the UI thread: a large file takes a second or two to parse. */
    public DataViewModel(ObjectProperty<DataSet> dataSet, Jobs jobs) {
        this.dataSet = dataSet;
        this.jobs = jobs;
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

    /** True while a CSV import runs in the background. */
    public ReadOnlyBooleanProperty importingProperty() {
        return importing.getReadOnlyProperty();
    }

    /** Imports a CSV; returns false (and keeps the current data) with the reason in {@link #errorProperty()}. */
    public boolean importCsv(Path file) {
        try {
            dataSet.set(read(file, standardise.get()));
            error.set("");
            return true;
        } catch (IOException | InvalidDataException e) {
            error.set(message(file, e));
            return false;
        }
    }

    /**
     * Imports a CSV off the UI thread (on it when there are no jobs); {@code done} gets true when the data
     * set was replaced, false (the reason in {@link #errorProperty()}) when the current data were kept.
     */
    public void importCsv(Path file, Consumer<Boolean> done) {
        if (jobs == null) {
            done.accept(importCsv(file));
            return;
        }
        boolean standardised = standardise.get();
        importing.set(true);
        jobs.start((progress, cancel) -> read(file, standardised), new Jobs.Listener<DataSet>() {
            @Override
            public void succeeded(DataSet d) {
                importing.set(false);
                dataSet.set(d);
                error.set("");
                done.accept(true);
            }

            @Override
            public void failed(Throwable e) {
                importing.set(false);
                error.set(message(file, e));
                done.accept(false);
            }

            @Override
            public void cancelled() {
                importing.set(false);
                done.accept(false);
            }
        });
    }

    private static DataSet read(Path file, boolean standardise) throws IOException {
        PointSet points = CsvPoints.read(file);
        return DataSet.of(new DataSource.Imported(file.getFileName().toString(),
                standardise ? points.standardised() : points));
    }

    private static String message(Path file, Throwable e) {
        if (e instanceof InvalidDataException) {
            return e.getMessage();
        }
        return file.getFileName() + ": cannot be read (" + (e instanceof IOException io ? UserText.reason(io)
                : Jobs.message(e)) + ")";
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

    /** The mouse was released: what is drawn next is a new stroke, a class of its own. */
    public void endStroke() {
        drawn.newStroke();
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
