package org.diffusionplayground.ui;

import java.nio.IntBuffer;
import java.util.function.BiConsumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.Cursor;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import org.diffusionplayground.app.ExportViewModel;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.render.LiveSceneRenderer;
import org.diffusionplayground.render.SceneSnapshot;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.render.Viewport;
import org.diffusionplayground.scene.ViewOptions;

/**
 * The scene view: one ImageView over a PixelBuffer that shares its int[] with the Java2D renderer's
 * raster, so a frame is drawn once and handed to the GPU without a copy. Only draws; zoom and pan
 * write the view-model's view properties, clicks go to a handler (launch a trajectory, or draw data).
 */
public final class ScenePane extends Region {

    private final ImageView view = new ImageView();
    private final ObservableValue<SceneSnapshot> snapshot;
    private final ObservableValue<Theme> theme;
    private final SceneViewModel vm;
    private final FrameTimeRecorder frames;
    private final ObjectProperty<BiConsumer<Double, Double>> onWorldClick = new SimpleObjectProperty<>();
    private final ObjectProperty<BiConsumer<Double, Double>> onWorldDrag = new SimpleObjectProperty<>();
    private LiveSceneRenderer renderer;
    private final PixelBuffer<?>[] buffers = new PixelBuffer<?>[2];
    private final WritableImage[] images = new WritableImage[2];
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private boolean dragged;
    private long redraws;

    public ScenePane(SceneViewModel vm, ObservableValue<SceneSnapshot> snapshot, ObservableValue<Theme> theme,
            FrameTimeRecorder frames) {
        this.vm = vm;
        this.snapshot = snapshot;
        this.theme = theme;
        this.frames = frames;
        getStyleClass().add("scene-pane");
        view.setPreserveRatio(false);
        view.setSmooth(false);
        // laid out by hand (layoutChildren): the image's size must not become the pane's preferred size,
        // or the split view's two panes share the width unevenly (the first one's image keeps it wide)
        view.setManaged(false);
        getChildren().add(view);
        setMinSize(200, 150);
        // an invalidation listener, not a change listener: snapshots are records whose particle array is a
        // buffer the composer reuses, so a new frame can be equals() to the last one (same buffer, same
        // time, paused) while its particles moved (a finished sampling run, new weights)
        snapshot.addListener((javafx.beans.Observable o) -> redraw());
        theme.addListener((obs, old, t) -> redraw());
        widthProperty().addListener((obs, old, w) -> vm.viewAspectProperty().set(aspect()));
        heightProperty().addListener((obs, old, w) -> vm.viewAspectProperty().set(aspect()));
        setOnScroll(this::zoom);
        setOnMousePressed(this::press);
        setOnMouseDragged(this::drag);
        setOnMouseReleased(this::release);
        setCursor(Cursor.CROSSHAIR);
    }

    /** Handler of plain clicks, in world coordinates. */
    public ObjectProperty<BiConsumer<Double, Double>> onWorldClickProperty() {
        return onWorldClick;
    }

    /** When set, primary drags go here (draw mode) instead of panning. */
    public ObjectProperty<BiConsumer<Double, Double>> onWorldDragProperty() {
        return onWorldDrag;
    }

    /** The pane's size in device pixels and the screen's scale, for "window × k" exports. */
    public ExportViewModel.WindowSize pixelSize() {
        return new ExportViewModel.WindowSize() {
            @Override
            public int width() {
                return viewport().width();
            }

            @Override
            public int height() {
                return viewport().height();
            }

            @Override
            public double outputScale() {
                return ScenePane.this.outputScale();
            }
        };
    }

    public long redraws() {
        return redraws;
    }

    private double aspect() {
        return getHeight() > 0 ? getWidth() / getHeight() : 16.0 / 9;
    }

    private double outputScale() {
        return getScene() != null && getScene().getWindow() != null ? getScene().getWindow().getOutputScaleX() : 1.0;
    }

    /** The viewport of the current pixel size and view properties. */
    public Viewport viewport() {
        double scale = outputScale();
        int w = Math.max(1, (int) Math.round(getWidth() * scale));
        int h = Math.max(1, (int) Math.round(getHeight() * scale));
        ViewOptions v = vm.viewProperty().get();
        return Viewport.fit(v.centreX(), v.centreY(), v.halfSize(), w, h);
    }

    @Override
    protected void layoutChildren() {
        view.setFitWidth(getWidth());
        view.setFitHeight(getHeight());
        view.relocate(0, 0);
        redraw();
    }

    private void redraw() {
        SceneSnapshot s = snapshot.getValue();
        if (s == null || getWidth() < 2 || getHeight() < 2) {
            return;
        }
        long start = System.nanoTime();
        long cpuStart = FrameTimeRecorder.threadCpuNanos();
        Viewport v = viewport();
        if (renderer == null || renderer.canvas().width() != v.width() || renderer.canvas().height() != v.height()) {
            renderer = new LiveSceneRenderer(v.width(), v.height());
            for (int i = 0; i < 2; i++) {
                PixelBuffer<IntBuffer> pb = new PixelBuffer<>(v.width(), v.height(),
                        IntBuffer.wrap(renderer.canvas(i).pixels()), PixelFormat.getIntArgbPreInstance());
                buffers[i] = pb;
                images[i] = new WritableImage(pb);
            }
        }
        renderer.render(s, v, scaledTheme());
        int shown = renderer.currentIndex();
        buffers[shown].updateBuffer(b -> null);
        view.setImage(images[shown]);
        redraws++;
        frames.rendered((System.nanoTime() - start) / 1e6, (FrameTimeRecorder.threadCpuNanos() - cpuStart) / 1e6);
    }

    private Theme scaledTheme() {
        double scale = outputScale();
        Theme t = theme.getValue();
        return scale == 1.0 ? t : t.scaled(Math.max(0.5, Math.min(4, t.scale() * scale)));
    }

    private void zoom(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        double factor = Math.pow(1.0015, e.getDeltaY());
        double scale = outputScale();
        Viewport z = viewport().zoom(factor, e.getX() * scale, e.getY() * scale);
        vm.viewProperty().set(vm.viewProperty().get().withFrame(z.centreX(), z.centreY(),
                Math.max(0.05, Math.min(200, z.halfSize()))));
        e.consume();
    }

    private void press(MouseEvent e) {
        pressX = lastX = e.getX();
        pressY = lastY = e.getY();
        dragged = false;
    }

    private void drag(MouseEvent e) {
        if (Math.hypot(e.getX() - pressX, e.getY() - pressY) > 4) {
            dragged = true;
        }
        if (e.getButton() == MouseButton.PRIMARY && onWorldDrag.get() != null) {
            Viewport v = viewport();
            double s = outputScale();
            onWorldDrag.get().accept(v.worldX(e.getX() * s), v.worldY(e.getY() * s));
        } else if (dragged) {
            double s = outputScale();
            Viewport p = viewport().pan((e.getX() - lastX) * s, (e.getY() - lastY) * s);
            ViewOptions now = vm.viewProperty().get();
            vm.viewProperty().set(now.withFrame(p.centreX(), p.centreY(), now.halfSize()));
        }
        lastX = e.getX();
        lastY = e.getY();
    }

    private void release(MouseEvent e) {
        if (!dragged && e.getButton() == MouseButton.PRIMARY) {
            Viewport v = viewport();
            double s = outputScale();
            double x = v.worldX(e.getX() * s);
            double y = v.worldY(e.getY() * s);
            if (onWorldDrag.get() != null) {
                onWorldDrag.get().accept(x, y);
            } else if (onWorldClick.get() != null) {
                onWorldClick.get().accept(x, y);
            }
        }
    }
}
