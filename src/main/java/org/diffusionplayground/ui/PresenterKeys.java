package org.diffusionplayground.ui;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.diffusionplayground.app.AppViewModel;
import org.diffusionplayground.app.SceneViewModel;

/**
 * Every keyboard shortcut of the window, in one place, chosen so a presenter's clicker works: a clicker
 * sends PgDn/PgUp (some send →/←), so those step forward and back — through a lesson's steps when one is
 * open, else through time; space plays; ↑/↓ and +/− move 𝔥; Esc leaves presentation mode; Ctrl+Q quits.
 * The same keys act in the normal window and in presentation mode.
 * <p>
 * Keys a focused control needs are left to it: typing in a field, and the arrows in a slider, spinner or
 * list (the 𝔥 slider, focused with H, moves with ←/→ like any slider).
 */
public final class PresenterKeys {

    /** 𝔥 per key press: 20 presses from the ODE (𝔥 = 0) to the reverse SDE (𝔥 = 1). */
    public static final double H_STEP = 0.05;

    /** What the keys act on besides the view-models: the window's own commands. */
    public interface Window {
        void showHelp();

        void toggleFullScreen();

        /** Hides or shows the side panels (the scene takes the room). */
        void togglePanels();

        void togglePresentation();

        /** Leaves presentation mode or puts open drawers away; false when there was nothing to leave. */
        boolean escape();

        /** Gives the keyboard to the 𝔥 slider. */
        void focusH();

        /** Closes the window as its close button would (asking about unsaved changes). */
        void quit();
    }

    /** A sequence of steps the clicker walks through instead of time (an open lesson). */
    public interface Steps {
        /** True while there are steps to walk (a lesson is open); otherwise the keys step time. */
        boolean isOpen();

        void next();

        void previous();
    }

    private final AppViewModel app;
    private final SceneViewModel scene;
    private final Window window;
    private Steps steps;

    public PresenterKeys(AppViewModel app, SceneViewModel scene, Window window) {
        this.app = app;
        this.scene = scene;
        this.window = window;
    }

    /** Where PgDn/PgUp (and →/←) go while {@code steps} is open; null: time only. */
    public void setSteps(Steps steps) {
        this.steps = steps;
    }

    public void install(Scene fx) {
        fx.addEventFilter(KeyEvent.KEY_PRESSED, this::handle);
    }

    /** Acts on one key press; consumes it when it was a shortcut. */
    void handle(KeyEvent e) {
        if (act(e, e.getTarget() instanceof Node n ? n : null)) {
            e.consume();
        }
    }

    private boolean act(KeyEvent e, Node focus) {
        if (e.isShortcutDown()) {
            if (e.getCode() == KeyCode.Q) {
                window.quit();
                return true;
            }
            return false;
        }
        boolean typing = focus instanceof TextInputControl;
        if (typing) {
            return false; // Esc and the arrows belong to the field too
        }
        boolean arrowsTaken = usesArrows(focus);
        switch (e.getCode()) {
            case PAGE_DOWN -> forward();
            case PAGE_UP -> back();
            case RIGHT, KP_RIGHT -> {
                if (arrowsTaken) {
                    return false;
                }
                forward();
            }
            case LEFT, KP_LEFT -> {
                if (arrowsTaken) {
                    return false;
                }
                back();
            }
            case UP, KP_UP -> {
                if (arrowsTaken) {
                    return false;
                }
                nudgeH(1);
            }
            case DOWN, KP_DOWN -> {
                if (arrowsTaken) {
                    return false;
                }
                nudgeH(-1);
            }
            case PLUS, ADD, EQUALS -> nudgeH(1);
            case MINUS, SUBTRACT -> nudgeH(-1);
            case SPACE -> scene.playback().togglePlaying();
            case H -> window.focusH();
            case R -> scene.reset();
            case D -> app.darkProperty().set(!app.darkProperty().get());
            case L -> app.lectureProperty().set(!app.lectureProperty().get());
            case P -> window.togglePanels();
            case F5 -> window.togglePresentation();
            case ESCAPE -> {
                return window.escape();
            }
            case F11 -> window.toggleFullScreen();
            case F1 -> window.showHelp();
            default -> {
                return false;
            }
        }
        return true;
    }

    private void forward() {
        if (steps != null && steps.isOpen()) {
            steps.next();
        } else {
            scene.playback().step(1);
        }
    }

    private void back() {
        if (steps != null && steps.isOpen()) {
            steps.previous();
        } else {
            scene.playback().step(-1);
        }
    }

    private void nudgeH(int direction) {
        scene.requestH(nextH(scene.hProperty().get(), direction));
    }

    /** 𝔥 one key press up or down: on the grid of {@link #H_STEP}, within the slider's range [0, 3]. */
    static double nextH(double h, int direction) {
        double k = h / H_STEP;
        // the next grid point in that direction (from 0.37: 0.40 up, 0.35 down)
        double onGrid = direction > 0 ? Math.floor(k + 1e-9) + 1 : Math.ceil(k - 1e-9) - 1;
        return Math.max(0, Math.min(SceneViewModel.SLIDER_MAX_H, Math.round(onGrid * H_STEP * 100) / 100.0));
    }

    /** Controls whose arrow keys mean something to them (a slider moves, a list selects). */
    private static boolean usesArrows(Node focus) {
        return focus instanceof Slider || focus instanceof Spinner<?> || focus instanceof ComboBoxBase<?>
                || focus instanceof ListView<?> || focus instanceof TableView<?> || focus instanceof TreeView<?>;
    }
}
