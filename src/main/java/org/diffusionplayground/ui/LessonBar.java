package org.diffusionplayground.ui;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.diffusionplayground.app.LessonViewModel;
import org.diffusionplayground.ui.kit.Controls;

/**
 * The open lesson above the playback bar: which step, its caption, and buttons to step back and forth or
 * leave the lesson (the clicker's PgDn/PgUp do the same). Hidden while no lesson is open.
 */
final class LessonBar {

    private final HBox root;

    LessonBar(LessonViewModel lessons) {
        Button previous = new Button("◀");
        previous.setId("lesson-previous");
        Controls.tipped(previous, "The step before (PgUp)");
        previous.setOnAction(e -> lessons.previous());
        Button next = new Button("▶");
        next.setId("lesson-next");
        Controls.tipped(next, "The next step (PgDn)");
        next.setOnAction(e -> lessons.next());
        Button close = new Button("Close lesson");
        close.setId("lesson-close");
        close.setOnAction(e -> lessons.close());
        for (Button b : new Button[] {previous, next, close}) {
            b.setMinWidth(Button.USE_PREF_SIZE); // the caption wraps; the buttons keep their words
        }
        lessons.indexProperty().addListener(x -> {
            previous.setDisable(!lessons.hasPrevious());
            next.setDisable(!lessons.hasNext());
        });
        Label heading = new Label();
        heading.setId("lesson-heading");
        heading.getStyleClass().add("lesson-heading");
        heading.setStyle("-fx-font-weight: bold;");
        heading.textProperty().bind(lessons.headingProperty());
        heading.setMinWidth(0);
        Label caption = new Label();
        caption.setId("lesson-caption");
        caption.getStyleClass().add("lesson-caption");
        caption.textProperty().bind(lessons.captionProperty());
        caption.setWrapText(true);
        caption.setMinWidth(0);
        VBox text = new VBox(2, heading, caption);
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        root = new HBox(8, previous, text, next, close);
        root.setId("lesson-bar");
        root.getStyleClass().add("lesson-bar");
        root.setStyle("-fx-padding: 4 8 4 8;");
        root.visibleProperty().bind(lessons.openProperty());
        root.managedProperty().bind(root.visibleProperty());
    }

    HBox root() {
        return root;
    }
}
