package org.diffusionplayground.app;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.render.ThemeColours;

/**
 * Window-wide state: light or dark theme, lecture mode (large fonts, thick lines), and the theme the
 * scene and charts are drawn with, derived from both.
 */
public final class AppViewModel {

    /** Sizes in lecture mode relative to normal: read from the back of a hall. */
    public static final double LECTURE_SCALE = Theme.LECTURE_SCALE;

    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark", false);
    private final BooleanProperty lecture = new SimpleBooleanProperty(this, "lecture", false);
    private final ReadOnlyObjectWrapper<Theme> theme = new ReadOnlyObjectWrapper<>(this, "theme", Theme.LIGHT);
    private final ObjectProperty<String> message = new SimpleObjectProperty<>(this, "message", "");
    private final ObjectProperty<ThemeColours> colours = new SimpleObjectProperty<>(this, "colours", ThemeColours.NONE);

    public AppViewModel() {
        dark.addListener(x -> updateTheme());
        lecture.addListener(x -> updateTheme());
        colours.addListener(x -> updateTheme());
    }

    private void updateTheme() {
        Theme base = dark.get() ? Theme.DARK : Theme.LIGHT;
        base = (colours.get() != null ? colours.get() : ThemeColours.NONE).applyTo(base);
        theme.set(lecture.get() ? base.scaled(LECTURE_SCALE) : base);
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    public BooleanProperty lectureProperty() {
        return lecture;
    }

    /** Colours that replace the theme's (from a preset); {@link ThemeColours#NONE} keeps them all. */
    public ObjectProperty<ThemeColours> coloursProperty() {
        return colours;
    }

    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    /** A one-line message for the status bar (errors are shown there and in dialogs). */
    public ObjectProperty<String> messageProperty() {
        return message;
    }
}
