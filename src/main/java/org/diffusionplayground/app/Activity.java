package org.diffusionplayground.app;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What a view-model's background work is doing, for the views to bind to: whether it is busy, its
 * progress in [0, 1], a status line, and the last error in words a user understands (empty when there
 * is none). The view-model that owns it sets the values; views read them.
 */
public final class Activity {

    private final ReadOnlyBooleanWrapper busy;
    private final ReadOnlyDoubleWrapper progress;
    private final ReadOnlyStringWrapper status;
    private final ReadOnlyStringWrapper error;

    /** @param owner the view-model whose work this describes (the properties' bean) */
    public Activity(Object owner) {
        busy = new ReadOnlyBooleanWrapper(owner, "busy");
        progress = new ReadOnlyDoubleWrapper(owner, "progress");
        status = new ReadOnlyStringWrapper(owner, "status", "");
        error = new ReadOnlyStringWrapper(owner, "error", "");
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public boolean isBusy() {
        return busy.get();
    }

    public String error() {
        return error.get();
    }

    void busy(boolean on) {
        busy.set(on);
    }

    void progress(double fraction) {
        progress.set(fraction);
    }

    void status(String line) {
        status.set(line);
    }

    /** Shows a problem; the empty string clears it. */
    void error(String message) {
        error.set(message);
    }
}
