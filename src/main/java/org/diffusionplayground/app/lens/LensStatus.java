package org.diffusionplayground.app.lens;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** What the lenses are computing, and what went wrong, for one status line under the lens panel. */
public final class LensStatus {

    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private int running;

    void started(String what) {
        running++;
        message.set(what + " …");
        error.set("");
    }

    void finished() {
        running = Math.max(0, running - 1);
        if (running == 0) {
            message.set("");
        }
    }

    void failed(String why) {
        finished();
        error.set(why);
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
