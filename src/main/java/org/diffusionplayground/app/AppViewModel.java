package org.diffusionplayground.app;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
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
    private final BooleanProperty presenting = new SimpleBooleanProperty(this, "presenting", false);
    private final StringProperty caption = new SimpleStringProperty(this, "caption", "");
    private final StringProperty slideTitle = new SimpleStringProperty(this, "slideTitle", "");
    /** Set while a preset's look is applied: changes then are the preset's, not the user's. */
    private boolean applyingPresetLook;
    private boolean userChoseDark;
    private boolean userChoseLecture;

    public AppViewModel() {
        dark.addListener(x -> updateTheme());
        lecture.addListener(x -> updateTheme());
        colours.addListener(x -> updateTheme());
        presenting.addListener(x -> updateTheme());
        dark.addListener(x -> userChoseDark |= !applyingPresetLook);
        lecture.addListener(x -> userChoseLecture |= !applyingPresetLook);
    }

    /**
     * A preset's theme and lecture mode: applied only where the user has not chosen (on the command line, with
     * a key or a button) — the user's choice wins over a file's. A lesson step that must show a theme sets the
     * properties directly.
     */
    public void applyPresetLook(boolean presetDark, boolean presetLecture) {
        applyingPresetLook = true;
        try {
            if (!userChoseDark) {
                dark.set(presetDark);
            }
            if (!userChoseLecture) {
                lecture.set(presetLecture);
            }
        } finally {
            applyingPresetLook = false;
        }
    }

    private void updateTheme() {
        Theme base = dark.get() ? Theme.DARK : Theme.LIGHT;
        base = (colours.get() != null ? colours.get() : ThemeColours.NONE).applyTo(base);
        // presentation mode is for a projector: the scene is drawn at lecture size whatever the window's mode
        theme.set(lecture.get() || presenting.get() ? base.scaled(LECTURE_SCALE) : base);
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

    /** Presentation mode: the scene fills the screen under a large title, with a caption below. */
    public BooleanProperty presentingProperty() {
        return presenting;
    }

    /** The title shown above the scene in presentation mode (the preset's or the lesson step's). */
    public StringProperty slideTitleProperty() {
        return slideTitle;
    }

    /** The caption shown under the scene in presentation mode (the preset's description or the lesson step's). */
    public StringProperty captionProperty() {
        return caption;
    }

    /** A one-line message for the status bar (errors are shown there and in dialogs). */
    public ObjectProperty<String> messageProperty() {
        return message;
    }
}
