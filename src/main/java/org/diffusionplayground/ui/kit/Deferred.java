package org.diffusionplayground.ui.kit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.TitledPane;

/**
 * A part of the window that is built when it is first needed instead of before the window shows: a tab
 * that is not selected, a panel that is closed. Its place (a tab's or a titled pane's content) stays empty
 * until {@link #get()} builds the part and puts its node there, so the window's structure once built is
 * the same as if it had been built at once. Building the whole window before showing it took a third of
 * the time to the first animated frame (docs/benchmarks.md, "The installed app"); the parts nobody sees
 * yet are built on the events after that frame instead.
 *
 * @param <T> what the part is (a panel, or a record of a panel and its charts)
 */
public final class Deferred<T> {

    private final Supplier<T> build;
    private final Function<T, Node> node;
    private final Consumer<Node> place;
    private final List<Consumer<T>> whenBuilt = new ArrayList<>();
    private T built;

    /**
     * @param build makes the part (on the UI thread)
     * @param node  the part's node
     * @param place puts that node where it belongs (e.g. {@code tab::setContent})
     */
    public Deferred(Supplier<T> build, Function<T, Node> node, Consumer<Node> place) {
        this.build = build;
        this.node = node;
        this.place = place;
    }

    /** A part that is itself the node. */
    public static <N extends Node> Deferred<N> node(Supplier<N> build, Consumer<Node> place) {
        return new Deferred<>(build, n -> n, place);
    }

    /** The part, built now if it was not yet. */
    public T get() {
        if (built == null) {
            built = build.get();
            place.accept(node.apply(built));
            whenBuilt.forEach(c -> c.accept(built));
            whenBuilt.clear();
        }
        return built;
    }

    public boolean isBuilt() {
        return built != null;
    }

    /**
     * Builds the part when {@code pane} opens: a closed panel is built when first shown. (A pane open from
     * the start is built with the other deferred parts, right after the first frame.)
     */
    public Deferred<T> builtWhenOpened(TitledPane pane) {
        pane.expandedProperty().addListener((obs, was, open) -> {
            if (open) {
                get();
            }
        });
        return this;
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
