package org.diffusionplayground.ui.kit;

import java.util.Locale;
import java.util.function.DoubleFunction;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.util.Duration;

/** Small builders shared by the panels: labelled rows, tooltips with formulas, validated number fields. */
public final class Controls {

    /** Family name of the bundled math font (has 𝔥, which the UI fonts lack). */
    public static final String MATH_FAMILY = "DejaVu Math TeX Gyre";

    private Controls() {
    }

    /** A label in which 𝔥 is set in the math font and the rest in the UI font. */
    public static TextFlow mathLabel(String text) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add("math-label");
        StringBuilder plain = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp == 0x1D525) {
                if (plain.length() > 0) {
                    flow.getChildren().add(styled(new Text(plain.toString()), "plain"));
                    plain.setLength(0);
                }
                flow.getChildren().add(styled(new Text(new String(Character.toChars(cp))), "hbar"));
            } else {
                plain.appendCodePoint(cp);
            }
        });
        if (plain.length() > 0) {
            flow.getChildren().add(styled(new Text(plain.toString()), "plain"));
        }
        return flow;
    }

    private static Text styled(Text t, String cls) {
        t.getStyleClass().add(cls);
        return t;
    }

    public static Tooltip tip(String text) {
        Tooltip t = new Tooltip(text);
        t.setShowDelay(Duration.millis(350));
        t.setShowDuration(Duration.seconds(30));
        t.setWrapText(true);
        t.setMaxWidth(520);
        t.getStyleClass().add("formula-tip");
        return t;
    }

    public static <T extends Node> T tipped(T node, String text) {
        Tooltip.install(node, tip(text));
        return node;
    }

    /** A row: caption on the left, control growing to the right. */
    public static HBox row(Node caption, Node control) {
        HBox box = new HBox(8, caption, control);
        box.getStyleClass().add("form-row");
        HBox.setHgrow(control, Priority.ALWAYS);
        return box;
    }

    public static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("caption");
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }

    /**
     * A numeric text field that commits on Enter or focus loss through {@code commit}, which returns an
     * error message or null; an invalid entry is marked and the last good value is restored.
     */
    public static TextField numberField(double initial, String format, DoubleFunction<String> commit) {
        TextField field = new TextField(String.format(Locale.ROOT, format, initial));
        field.setPrefColumnCount(5);
        field.getStyleClass().add("number-field");
        Runnable apply = () -> {
            String text = field.getText().trim().replace(',', '.');
            String problem;
            try {
                problem = commit.apply(Double.parseDouble(text));
            } catch (NumberFormatException e) {
                problem = "\"" + text + "\" is not a number";
            }
            if (problem != null) {
                field.getStyleClass().add("invalid");
                field.setTooltip(tip(problem));
            } else {
                field.getStyleClass().removeAll("invalid");
                field.setTooltip(null);
            }
        };
        field.setOnAction(e -> apply.run());
        field.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                apply.run();
            }
        });
        return field;
    }
}
