package org.diffusionplayground.app;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import org.diffusionplayground.preset.PresetContext;
import org.diffusionplayground.preset.PresetScene;
import org.diffusionplayground.preset.lesson.Lesson;
import org.diffusionplayground.preset.lesson.LessonControl;
import org.diffusionplayground.preset.lesson.LessonIO;
import org.diffusionplayground.preset.lesson.LessonStep;

/**
 * An open lesson: which step is on screen, its caption and the controls students see, and stepping with
 * {@link #next()} and {@link #previous()} (the clicker's PgDn/PgUp). Showing a step makes its preset the
 * scene through the document ({@link DocumentViewModel#showStep}); a step on the same model as the one
 * before keeps the model as it is, so no step retrains. Reading the lesson and loading a step's model run
 * in the background; a request while one is loading is ignored (a clicker pressed twice does not skip).
 */
public final class LessonViewModel {

    private final DocumentViewModel document;
    private final Jobs jobs;

    private final ReadOnlyObjectWrapper<Lesson> lesson = new ReadOnlyObjectWrapper<>(this, "lesson");
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(this, "index", -1);
    private final ReadOnlyObjectWrapper<LessonStep> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper(this, "caption", "");
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper(this, "heading", "");
    private final ObservableSet<LessonControl> controls = FXCollections.observableSet(
            EnumSet.allOf(LessonControl.class));
    /** One read-only view, kept: its listeners are held weakly by the set behind it. */
    private final ObservableSet<LessonControl> controlsView = FXCollections.unmodifiableObservableSet(controls);
    private final BooleanBinding open = Bindings.isNotNull(lesson);
    private boolean loading;

    public LessonViewModel(DocumentViewModel document, Jobs jobs) {
        this.document = document;
        this.jobs = jobs;
    }

    public ReadOnlyObjectProperty<Lesson> lessonProperty() {
        return lesson.getReadOnlyProperty();
    }

    /** The step on screen, 0-based; −1 without a lesson. */
    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LessonStep> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** What the step shows, for the audience; empty without a lesson. */
    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    /** "Step 2 of 5 · title"; empty without a lesson. */
    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    /** The controls students see during the step (all of them without a lesson). */
    public ObservableSet<LessonControl> visibleControls() {
        return controlsView;
    }

    /** True while a lesson is open: the clicker steps through it instead of through time. */
    public BooleanBinding openProperty() {
        return open;
    }

    public boolean isOpen() {
        return open.get();
    }

    public boolean hasNext() {
        return isOpen() && index.get() < lesson.get().size() - 1;
    }

    public boolean hasPrevious() {
        return isOpen() && index.get() > 0;
    }

    /** Reads a lesson in the background and shows its first step; {@code done} gets true when it is on screen. */
    public void open(Path file, Consumer<Boolean> done) {
        Activity activity = document.activity();
        activity.busy(true);
        activity.status("opening the lesson " + file.getFileName() + " …");
        loading = true;
        jobs.start((progress, cancel) -> LessonIO.read(file), new Jobs.Listener<>() {
            @Override
            public void succeeded(Lesson read) {
                loading = false;
                activity.busy(false);
                show(read, 0, done);
            }

            @Override
            public void failed(Throwable e) {
                loading = false;
                activity.busy(false);
                activity.status("");
                activity.error(Jobs.message(e));
                done.accept(false);
            }
        });
    }

    /** The next step, if there is one. */
    public void next() {
        if (hasNext()) {
            goTo(index.get() + 1, ok -> { });
        }
    }

    /** The step before, if there is one. */
    public void previous() {
        if (hasPrevious()) {
            goTo(index.get() - 1, ok -> { });
        }
    }

    /** Shows step {@code i} (0-based) of the open lesson. */
    public void goTo(int i, Consumer<Boolean> done) {
        if (!isOpen() || i < 0 || i >= lesson.get().size()) {
            done.accept(false);
            return;
        }
        show(lesson.get(), i, done);
    }

    /** Leaves the lesson: the scene stays as it is, every control shows again. */
    public void close() {
        lesson.set(null);
        index.set(-1);
        current.set(null);
        caption.set("");
        heading.set("");
        controls.addAll(EnumSet.allOf(LessonControl.class));
    }

    private void show(Lesson l, int i, Consumer<Boolean> done) {
        if (loading) {
            done.accept(false);
            return;
        }
        LessonStep step = l.step(i);
        LessonStep shown = l == lesson.get() ? current.get() : null;
        boolean keepModel = step.sameModelAs(shown);
        Activity activity = document.activity();
        activity.busy(true);
        activity.status("step " + step.number() + " …");
        loading = true;
        jobs.start((progress, cancel) -> PresetScene.load(step.preset(), PresetContext.of(step.presetFile())),
                new Jobs.Listener<>() {
                    @Override
                    public void succeeded(PresetScene.Loaded loaded) {
                        loading = false;
                        activity.busy(false);
                        document.showStep(loaded, step.presetFile(), keepModel);
                        lesson.set(l);
                        current.set(step);
                        index.set(i);
                        caption.set(step.caption());
                        heading.set(String.format(Locale.ROOT, "Step %d of %d · %s", step.number(), l.size(),
                                step.title()));
                        controls.retainAll(step.controls());
                        controls.addAll(step.controls());
                        activity.status(l.title() + ": step " + step.number() + " of " + l.size());
                        done.accept(true);
                    }

                    @Override
                    public void failed(Throwable e) {
                        loading = false;
                        activity.busy(false);
                        activity.status("");
                        activity.error("step " + step.number() + " of the lesson could not be shown: "
                                + Jobs.message(e));
                        done.accept(false);
                    }
                });
    }
}
