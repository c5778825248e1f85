package org.diffusionplayground.ui;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.diffusionplayground.ui.kit.Controls;

/**
 * The side panels around the scene. Each side is docked beside the scene when the window has room for it,
 * else it folds into a narrow rail whose button opens it as a drawer over the scene; P hides both, and in
 * presentation mode only the chart may stand beside the scene. "Room" is {@link #dock}: the scene keeps at
 * least {@link #DOCK_SHARE} of the window's area.
 */
final class SideDocks {

    /** The scene's least share of the window with the panels docked (55 % is promised; the rest is margin). */
    static final double DOCK_SHARE = 0.58;

    /** Which sides are docked. */
    record Docking(boolean left, boolean right) {
    }

    private final BorderPane root;
    private final StackPane centre;
    private final Side left;
    private final Side right;
    private final BooleanProperty pinned = new SimpleBooleanProperty(this, "pinned", false);
    private final BooleanProperty hidden = new SimpleBooleanProperty(this, "hidden", false);
    private final BooleanProperty presenting = new SimpleBooleanProperty(this, "presenting", false);
    private final BooleanProperty chartBeside = new SimpleBooleanProperty(this, "chartBeside", false);
    private Docking docking = new Docking(true, true);

    SideDocks(BorderPane root, StackPane centre, Node scenes) {
        this.root = root;
        this.centre = centre;
        left = new Side("☰  Controls", "side-left", Pos.TOP_LEFT, "The sampler, data, training, overlays and lenses");
        right = new Side("Charts  ☰", "side-right", Pos.TOP_RIGHT, "Likelihood in 𝔥, training loss, lenses");
        for (BooleanProperty p : new BooleanProperty[] {pinned, hidden, presenting, chartBeside}) {
            p.addListener(x -> relayout());
        }
        // a click on the scene puts open drawers away
        scenes.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> closeDrawers());
        root.widthProperty().addListener(x -> relayout());
        root.heightProperty().addListener(x -> relayout());
    }

    /**
     * Docks what fits: both sides, else the controls, else the charts, else neither, as long as the scene keeps
     * {@link #DOCK_SHARE} of a {@code width × height} window with {@code chrome} pixels of bars above and below.
     */
    static Docking dock(double width, double height, double chrome, double leftWidth, double rightWidth,
            double railWidth) {
        Docking[] choices = {new Docking(true, true), new Docking(true, false), new Docking(false, true)};
        for (Docking d : choices) {
            double sceneWidth = width - (d.left() ? leftWidth : railWidth) - (d.right() ? rightWidth : railWidth);
            if (sceneWidth * (height - chrome) >= DOCK_SHARE * width * height) {
                return d;
            }
        }
        return new Docking(false, false);
    }

    void setLeft(Region content) {
        left.setContent(content);
        relayout();
    }

    void setRight(Region content) {
        right.setContent(content);
        relayout();
    }

    /** Docks both sides whatever the window's size (the user's choice, and the UI tests' window). */
    BooleanProperty pinnedProperty() {
        return pinned;
    }

    /** Both sides hidden (key P): the scene takes the room. */
    BooleanProperty hiddenProperty() {
        return hidden;
    }

    BooleanProperty presentingProperty() {
        return presenting;
    }

    /** In presentation mode: the charts beside the scene (key P there). */
    BooleanProperty chartBesideProperty() {
        return chartBeside;
    }

    Docking docking() {
        return docking;
    }

    /** Opens the controls, as a drawer if they are not docked. */
    void showLeft() {
        if (!presenting.get() && !hidden.get() && !docking.left()) {
            left.open.set(true);
        }
    }

    /** Closes open drawers; false when none was open. */
    boolean closeDrawers() {
        boolean any = left.open.get() || right.open.get();
        left.open.set(false);
        right.open.set(false);
        return any;
    }

    /** Puts each side where it belongs now: docked, on its rail (open as a drawer or not), or away. */
    void relayout() {
        if (root.getWidth() <= 0) {
            return;
        }
        if (presenting.get() || hidden.get()) {
            left.away();
            right.away();
            if (presenting.get() && chartBeside.get()) {
                right.moveTo(() -> root.setRight(right.content));
            }
            return;
        }
        Node top = root.getTop();
        Node bottom = root.getBottom();
        double chrome = (top == null ? 0 : top.prefHeight(root.getWidth()))
                + (bottom == null ? 0 : bottom.prefHeight(root.getWidth())) + 12;
        docking = pinned.get() ? new Docking(true, true) : dock(root.getWidth(), root.getHeight(), chrome,
                left.content.prefWidth(-1), right.content.prefWidth(-1), left.rail.prefWidth(-1));
        left.place(docking.left(), root::setLeft);
        right.place(docking.right(), root::setRight);
    }

    /** One side: its panel and its rail. */
    private final class Side {
        final VBox rail = new VBox();
        final ToggleButton button;
        final BooleanProperty open;
        final Pos drawerAt;
        Region content;
        private java.util.function.Consumer<Node> setter;

        Side(String title, String id, Pos drawerAt, String tip) {
            this.drawerAt = drawerAt;
            Label text = new Label(title);
            text.getStyleClass().add("rail-label");
            text.setRotate(drawerAt == Pos.TOP_LEFT ? -90 : 90);
            button = new ToggleButton();
            button.setGraphic(new Group(text));
            button.setId(id + "-rail");
            Controls.tipped(button, tip + " (P hides both sides)");
            open = button.selectedProperty();
            open.addListener(x -> placeDrawer());
            rail.getChildren().add(button);
            rail.getStyleClass().add("side-rail");
            rail.setAlignment(Pos.TOP_CENTER);
        }

        void setContent(Region c) {
            if (content != null) {
                centre.getChildren().remove(content);
            }
            content = c;
            content.setMaxWidth(Region.USE_PREF_SIZE);
        }

        void place(boolean docked, java.util.function.Consumer<Node> sideSetter) {
            setter = sideSetter;
            if (content == null) {
                return;
            }
            if (docked) {
                open.set(false);
                moveTo(() -> sideSetter.accept(content));
            } else {
                sideSetter.accept(rail);
                placeDrawer();
            }
        }

        void placeDrawer() {
            if (content == null || setter == null) {
                return;
            }
            boolean inRail = root.getLeft() == rail || root.getRight() == rail;
            if (open.get() && inRail) {
                moveTo(() -> {
                    StackPane.setAlignment(content, drawerAt);
                    centre.getChildren().add(content);
                });
                content.getStyleClass().add("drawer");
            } else if (centre.getChildren().contains(content)) {
                centre.getChildren().remove(content);
            }
        }

        void away() {
            open.set(false);
            centre.getChildren().remove(content);
            if (root.getLeft() == content || root.getLeft() == rail) {
                root.setLeft(null);
            }
            if (root.getRight() == content || root.getRight() == rail) {
                root.setRight(null);
            }
        }

        /** Takes the panel from where it is, then puts it where {@code put} says. */
        void moveTo(Runnable put) {
            content.getStyleClass().remove("drawer");
            centre.getChildren().remove(content);
            if (root.getLeft() == content) {
                root.setLeft(null);
            }
            if (root.getRight() == content) {
                root.setRight(null);
            }
            put.run();
        }
    }
}
