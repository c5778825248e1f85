package org.diffusionplayground.ui.kit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.layout.StackPane;

/**
 * A part of the window that is built when it is first needed instead of before the window shows: a tab
 * that is not selected, a panel that is closed. Its place in the window is a {@link #host()} that stays
 * empty until {@link #get()} builds the part and puts its node there. Building the whole window before
 * showing it took a third of the time to the first animated frame (docs/benchmarks.md, "The installed
 * app"); the parts nobody sees yet are built on the pulses after that frame instead.
 *
 * @param <T> what the part is (a panel, or a record of a panel and its charts)
 */
public final class Deferred<T> {

    private final Supplier<T> build;
    private final Function<T, Node> node;
    private final List<Consumer<T>> whenBuilt = new ArrayList<>();
    private final StackPane host = new StackPane();
    private T built;

    /**
     * @param build makes the part (on the UI thread)
     * @param node  the part's node, which goes into the host
     */
    public Deferred(Supplier<T> build, Function<T, Node> node) {
        this.build = build;
        this.node = node;
        host.setMinSize(0, 0);
    }

    /** A part that is itself the node. */
    public static <N extends Node> Deferred<N> node(Supplier<N> build) {
        return new Deferred<>(build, n -> n);
    }

    /** Where the part goes: empty until it is built. */
    public StackPane host() {
        return host;
    }

    /** The part, built now if it was not yet. */
    public T get() {
        if (built == null) {
            built = build.get();
            host.getChildren().setAll(node.apply(built));
            whenBuilt.forEach(c -> c.accept(built));
            whenBuilt.clear();
        }
        return built;
    }

    public boolean isBuilt() {
        return built != null;
    }

    /** Runs {@code action} with the part once it is built (at once when it already is). */
    public void whenBuilt(Consumer<T> action) {
        if (built != null) {
            action.accept(built);
        } else {
            whenBuilt.add(action);
        }
    }
}
