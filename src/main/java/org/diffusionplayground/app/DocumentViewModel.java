package org.diffusionplayground.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.checkpoint.CheckpointIO;
import org.diffusionplayground.model.util.AtomicFiles;
import org.diffusionplayground.preset.Autosave;
import org.diffusionplayground.preset.CheckpointReference;
import org.diffusionplayground.preset.Preset;
import org.diffusionplayground.preset.PresetFiles;
import org.diffusionplayground.preset.PresetIO;
import org.diffusionplayground.preset.PresetScene;
import org.diffusionplayground.preset.RecentFiles;
import org.diffusionplayground.preset.ShippedPresets;
import org.diffusionplayground.scene.SceneState;

/**
 * The scene as a document: Open, Save, Save As, recent files, the unsaved-changes flag, and the autosave
 * that keeps a crash from losing anything. Opening a preset sets the scene, the training settings and the
 * theme; saving writes the scene back as a preset, with a model trained in the app saved beside it
 * ({@code <name>.model.safetensors/json}) and a bundled model referred to by name. Reading and writing run
 * as background jobs; everything else runs on the UI thread.
 */
public final class DocumentViewModel {

    /**
     * Where the score of a pane comes from, so a save can refer to it: a bundled or saved checkpoint
     * ({@code reference} relative to {@code folder}), a model trained here ({@code reference} null), the
     * exact score, or none.
     */
    record ModelOrigin(Preset.ModelSource source, String reference, Path folder, Checkpoint checkpoint) {
        static final ModelOrigin NONE = new ModelOrigin(Preset.ModelSource.NONE, null, null, null);
        static final ModelOrigin EXACT = new ModelOrigin(Preset.ModelSource.EXACT, null, null, null);

        boolean isAsset() {
            return reference != null && CheckpointReference.isAsset(reference);
        }
    }

    private final SceneViewModel scene;
    private final AppViewModel app;
    private final TrainingViewModel training;
    private final Jobs jobs;
    private final Autosave autosave;
    private final RecentFiles recent;

    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyStringWrapper windowTitle = new ReadOnlyStringWrapper(this, "windowTitle");
    private final Activity activity = new Activity(this);
    private final ObservableList<Path> recentFiles = FXCollections.observableArrayList();
    private final Map<String, BooleanProperty> namedOverlays = new LinkedHashMap<>();
    private Consumer<List<String>> panelOpener = names -> { };
    private ExportViewModel exports;

    private Preset base;
    private ModelOrigin model = ModelOrigin.NONE;
    private ModelOrigin compareModel;
    private boolean applying;
    /** Changes made so far: an autosave writes the state of one of them. */
    private long changes;
    private final AutosaveSchedule autosaving;

    /**
     * @param training the training panel's view-model, or null where there is none (its settings then
     *                 come from and go back to the preset unchanged)
     */
    public DocumentViewModel(SceneViewModel scene, AppViewModel app, TrainingViewModel training, Jobs jobs,
            Autosave autosave, RecentFiles recent) {
        this.scene = scene;
        this.app = app;
        this.training = training;
        this.jobs = jobs;
        this.autosave = autosave;
        this.recent = recent;
        this.autosaving = new AutosaveSchedule(jobs, autosave, this::autosaveIfNeeded);
        this.base = PresetIO.defaults();
        recentFiles.setAll(recent.load());
        List<Observable> saved = new ArrayList<>(scene.savedProperties());
        // theme and lecture mode are how the user looks at the scene, not part of it: they mark nothing changed
        saved.add(app.coloursProperty());
        for (Observable o : saved) {
            o.addListener(x -> changed());
        }
        scene.timeProperty().addListener(x -> {
            if (!scene.playback().playingProperty().get()) {
                changed(); // a scrubbed time is a choice; an animated one is not
            }
        });
        if (training != null) {
            training.checkpointProperty().addListener((obs, old, cp) -> {
                if (!applying && cp != null) {
                    model = new ModelOrigin(Preset.ModelSource.CHECKPOINT, null, null, cp); // trained here
                    changed();
                }
            });
        }
        file.addListener(x -> updateTitle());
        dirty.addListener(x -> updateTitle());
        updateTitle();
    }

    // ---- properties ---------------------------------------------------------------------------

    /** The preset file the scene was opened from or saved to; null for an untitled scene. */
    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    /** True when the scene differs from its file (or, untitled, from how the app started). */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** "Title — Diffusion Playground", with a star while there are unsaved changes. */
    public ReadOnlyStringProperty windowTitleProperty() {
        return windowTitle.getReadOnlyProperty();
    }

    /** Opening and saving: busy while a file is read or written, what happened, what went wrong. */
    public Activity activity() {
        return activity;
    }

    public ObservableList<Path> recentFiles() {
        return recentFiles;
    }

    public String title() {
        return base.title();
    }

    /** The preset's description: what the scene shows (the caption in presentation mode). */
    public String description() {
        return base.description();
    }

    /** What opens the side panels a preset names ("likelihood", "data", ...); set by the window. */
    public void setPanelOpener(Consumer<List<String>> opener) {
        this.panelOpener = opener;
    }

    /**
     * Lets a preset switch a named layer of another part of the app ("correction-map", "density") on or
     * off; names nobody registered are kept in the preset and ignored.
     */
    public void registerOverlay(String name, BooleanProperty shown) {
        namedOverlays.put(name, shown);
        shown.addListener(x -> changed());
    }

    /** The export dialogs' settings travel with the preset. */
    public void setExports(ExportViewModel exports) {
        this.exports = exports;
    }

    public Autosave autosave() {
        return autosave;
    }

    private void updateTitle() {
        String name = file.get() != null ? base.title() + " (" + file.get().getFileName() + ")" : base.title();
        windowTitle.set((dirty.get() ? "• " : "") + name + " — Diffusion Playground");
    }

    private void changed() {
        if (applying) {
            return;
        }
        changes++;
        dirty.set(true);
        autosaving.changed();
    }

    // ---- the scene as a preset ----------------------------------------------------------------

    /** The scene as it is now, as a preset (models named as {@link #save} would name them from {@code dir}). */
    public Preset capture() {
        // the scene's own options come from its state (PresetScene.capture); the window adds its look
        Preset.View view = base.view().withLook(app.darkProperty().get() ? Preset.ThemeName.DARK
                : Preset.ThemeName.LIGHT, app.lectureProperty().get(), PresetScene.colours(app.coloursProperty().get()),
                overlays(base.view().overlays()));
        Preset.Animation a = base.animation();
        Preset.Animation animation = new Preset.Animation(a.mode(), a.time(), scene.playback().playingProperty().get(),
                scene.playback().loopProperty().get(), scene.playback().sweepSecondsProperty().get());
        Preset.Training t = base.training();
        if (training != null) {
            try {
                t = PresetIO.training(training.config());
            } catch (IllegalArgumentException invalidSettings) {
                // the panel holds a value being typed: keep the last valid settings
            }
        }
        Preset.Export export = exports != null ? exports.settings() : base.export();
        Preset b = new Preset(base.format(), base.version(), base.title(), base.description(), base.data(),
                base.schedule(), base.model(), t, base.sampler(), base.split(), animation, view, export);
        return PresetScene.capture(b, scene.state(), reference(model), compareModel == null ? null
                : reference(compareModel));
    }

    private Preset.Model reference(ModelOrigin o) {
        return new Preset.Model(o.source(), o.reference());
    }

    private List<String> overlays(List<String> fromPreset) {
        List<String> out = new ArrayList<>();
        for (String name : fromPreset) {
            if (!namedOverlays.containsKey(name)) {
                out.add(name); // kept for an app that knows it
            }
        }
        namedOverlays.forEach((name, shown) -> {
            if (shown.get()) {
                out.add(name);
            }
        });
        return out;
    }

    /** Makes a loaded preset the scene: training settings, model, scene, theme, panels and overlays. */
    void apply(PresetScene.Loaded loaded, Path origin, boolean unsaved) {
        apply(loaded, origin, unsaved, false);
    }

    /**
     * Shows a lesson step: its preset becomes the scene as if opened from {@code origin} (the preset file
     * the step starts from, so a Save goes where that file's would), unchanged. With {@code keepModel} (the
     * step names the model already shown) the model stays as the previous step left it, trained further
     * here or not: nothing is loaded or retrained.
     */
    public void showStep(PresetScene.Loaded loaded, Path origin, boolean keepModel) {
        apply(loaded, origin, false, keepModel && scene.state().score() != null);
        activity.error("");
    }

    private void apply(PresetScene.Loaded loaded, Path origin, boolean unsaved, boolean keepModel) {
        applying = true;
        try {
            Preset p = loaded.preset();
            base = p;
            if (training != null) {
                training.apply(PresetIO.trainingConfig(p));
                if (loaded.checkpoint() != null && !keepModel) {
                    training.load(loaded.checkpoint());
                }
            }
            SceneState state = loaded.state();
            if (keepModel) {
                SceneState now = scene.state();
                state = new SceneState(state.data(), state.schedule(), now.score(), state.sampler(), state.split(),
                        state.compareH(), state.compareSchedule(), state.compareScore(), state.mode(), state.time(),
                        state.view());
            }
            scene.load(state);
            scene.playback().loopProperty().set(p.animation().loop());
            scene.playback().sweepSecondsProperty().set(p.animation().sweepSeconds());
            app.applyPresetLook(p.view().theme() == Preset.ThemeName.DARK, p.view().lecture());
            app.coloursProperty().set(PresetScene.colours(p.view().colours()));
            Path folder = origin != null ? origin.toAbsolutePath().getParent() : null;
            if (!keepModel) {
                model = origin(p.model(), loaded.checkpoint(), folder);
            }
            compareModel = p.split().model() == null ? null
                    : origin(p.split().model(), loaded.compareCheckpoint(), folder);
            for (Map.Entry<String, BooleanProperty> e : namedOverlays.entrySet()) {
                e.getValue().set(p.view().overlays().contains(e.getKey()));
            }
            if (exports != null) {
                exports.apply(p.export());
            }
            panelOpener.accept(p.view().panels());
            scene.playback().playingProperty().set(p.animation().playing());
            file.set(origin);
        } finally {
            applying = false;
        }
        dirty.set(unsaved);
        updateTitle();
    }

    private static ModelOrigin origin(Preset.Model m, Checkpoint cp, Path folder) {
        return switch (m.source()) {
            case NONE -> ModelOrigin.NONE;
            case EXACT -> ModelOrigin.EXACT;
            case CHECKPOINT -> new ModelOrigin(Preset.ModelSource.CHECKPOINT, m.checkpoint(),
                    CheckpointReference.isAsset(m.checkpoint()) ? null : folder, cp);
        };
    }

    /**
     * Takes the scene the app started with as the untitled document, its score coming from
     * {@code source} ({@code reference} and {@code checkpoint} for a checkpoint, else null).
     */
    public void adopt(Preset.ModelSource source, String reference, Checkpoint checkpoint) {
        model = source == Preset.ModelSource.NONE ? ModelOrigin.NONE : source == Preset.ModelSource.EXACT
                ? ModelOrigin.EXACT : new ModelOrigin(source, reference, null, checkpoint);
        compareModel = null;
        base = capture();
        dirty.set(false);
        updateTitle();
    }

    // ---- open ---------------------------------------------------------------------------------

    /** Opens a preset in the background; {@code done} gets true when it became the scene. */
    public void open(Path path, Consumer<Boolean> done) {
        load(path, path, false, done);
    }

    private void load(Path read, Path origin, boolean unsaved, Consumer<Boolean> done) {
        activity.busy(true);
        activity.status("opening " + read.getFileName() + " …");
        jobs.start((progress, cancel) -> PresetScene.load(read), new Jobs.Listener<>() {
            @Override
            public void succeeded(PresetScene.Loaded loaded) {
                activity.busy(false);
                apply(loaded, origin, unsaved);
                activity.error("");
                activity.status("opened " + loaded.preset().title());
                if (origin != null) {
                    remember(origin);
                }
                if (unsaved) {
                    changes++;
                    autosaveNow();
                }
                done.accept(true);
            }

            @Override
            public void failed(Throwable e) {
                activity.busy(false);
                activity.status("");
                activity.error(Jobs.message(e));
                done.accept(false);
            }
        });
    }

    /** Opens a recent file; a file that is gone is dropped from the list with a message. */
    public void openRecent(Path path, Consumer<Boolean> done) {
        if (!Files.isRegularFile(path)) {
            activity.error(path + " is gone (moved or deleted); removed from the recent files");
            try {
                recentFiles.setAll(recent.remove(path));
            } catch (IOException e) {
                recentFiles.remove(path);
            }
            done.accept(false);
            return;
        }
        open(path, done);
    }

    private void remember(Path path) {
        try {
            recentFiles.setAll(recent.add(path));
        } catch (IOException e) {
            activity.status("could not update the recent files: " + e.getMessage());
        }
    }

    // ---- save ---------------------------------------------------------------------------------

    /**
     * Saves to {@code target} in the background. Replacing an existing file must have been confirmed by
     * the user ({@code replace}); the view asks. {@code done} gets true when the file is written.
     */
    public void saveAs(Path target, boolean replace, Consumer<Boolean> done) {
        if (ShippedPresets.contains(target)) {
            activity.error(target.getFileName() + " is in the folder of presets that come with the app, which "
                    + "the app never changes; save your copy in your own folder, such as " + ShippedPresets.userFolder());
            done.accept(false);
            return;
        }
        AtomicFiles.Existing existing = replace ? AtomicFiles.Existing.REPLACE : AtomicFiles.Existing.REFUSE;
        try {
            AtomicFiles.check(target, existing);
        } catch (IOException e) {
            activity.error(e.getMessage());
            done.accept(false);
            return;
        }
        Path abs = target.toAbsolutePath();
        Path folder = abs.getParent();
        String stem = PresetFiles.stem(abs);
        // decide, on the UI thread, which models must be written beside the preset
        ModelOrigin first = relocate(model, folder, stem + ".model");
        ModelOrigin second = compareModel == null ? null : relocate(compareModel, folder, stem + ".compare-model");
        ModelOrigin savedModel = model;
        ModelOrigin savedCompare = compareModel;
        model = first;
        compareModel = second;
        Preset preset = capture();
        model = savedModel;
        compareModel = savedCompare;
        long atChange = changes;
        activity.busy(true);
        activity.status("saving " + abs.getFileName() + " …");
        jobs.start((progress, cancel) -> {
            for (ModelOrigin o : new ModelOrigin[] {first, second}) {
                if (o != null && o.checkpoint() != null && !o.isAsset()
                        && !Files.exists(CheckpointIO.weightsFile(folder.resolve(o.reference())))) {
                    CheckpointIO.save(folder.resolve(o.reference()), o.checkpoint());
                }
            }
            PresetIO.write(abs, preset, existing);
            return preset;
        }, new Jobs.Listener<>() {
            @Override
            public void succeeded(Preset saved) {
                activity.busy(false);
                base = saved;
                model = first;
                compareModel = second;
                file.set(abs);
                if (changes == atChange) {
                    dirty.set(false);
                    autosaving.savedElsewhere(changes);
                    try {
                        autosave.clear(); // everything is in the file now
                    } catch (IOException e) {
                        activity.status("saved; the old autosave could not be removed: " + e.getMessage());
                    }
                }
                activity.error("");
                activity.status("saved " + abs.getFileName());
                remember(abs);
                updateTitle();
                done.accept(true);
            }

            @Override
            public void failed(Throwable e) {
                activity.busy(false);
                activity.status("");
                activity.error("not saved: " + Jobs.message(e));
                done.accept(false);
            }
        });
    }

    /**
     * Saves to the current file (its replacement is implied); false when the scene is untitled or came
     * with the app (then the caller asks for a file of the user's own: Save As).
     */
    public boolean save(Consumer<Boolean> done) {
        if (file.get() == null || isShipped()) {
            return false;
        }
        saveAs(file.get(), true, done);
        return true;
    }

    /** True when the scene's file came with the app: saving it becomes Save As into the user's folder. */
    public boolean isShipped() {
        return ShippedPresets.contains(file.get());
    }

    /** Where Save As starts: the current file's folder, or the user's own one for a shipped or untitled scene. */
    public Path saveFolder() {
        if (file.get() != null && !isShipped()) {
            return file.get().toAbsolutePath().getParent();
        }
        Path user = ShippedPresets.userFolder();
        try {
            Files.createDirectories(user);
        } catch (IOException e) {
            return null;
        }
        return user;
    }

    /**
     * How a model is referred to from a preset saved in {@code folder}: bundled models by name, a model
     * already saved in that folder by its relative path, anything else as {@code name} beside the preset.
     */
    private static ModelOrigin relocate(ModelOrigin o, Path folder, String name) {
        if (o.source() != Preset.ModelSource.CHECKPOINT || o.isAsset()) {
            return o;
        }
        if (o.reference() != null && folder.equals(o.folder())) {
            return o;
        }
        return new ModelOrigin(Preset.ModelSource.CHECKPOINT, name, folder, o.checkpoint());
    }


    // ---- autosave -----------------------------------------------------------------------------

    private void autosaveIfNeeded() {
        if (dirty.get() && autosaving.behind(changes)) {
            autosaveNow();
        }
    }

    /** Writes the autosave now (in the background); used on change, periodically, and by tests. */
    public void autosaveNow() {
        Preset p;
        try {
            p = capture();
        } catch (RuntimeException e) {
            activity.status("autosave skipped: " + Jobs.message(e));
            return;
        }
        Checkpoint cp = model.source() == Preset.ModelSource.CHECKPOINT && !model.isAsset() ? model.checkpoint() : null;
        autosaving.write(p, cp, file.get(), changes, e -> activity.error(
                "autosave failed (your scene is not lost, but save it): " + Jobs.message(e)));
    }

    /** Scenes left by runs that crashed or were killed, newest first. */
    public List<Autosave.Orphan> orphans() {
        return autosave.orphans();
    }

    /**
     * Restores an orphaned autosave as the scene (unsaved), then removes the orphan. One that cannot be
     * restored is moved aside (kept, but not offered again at every start).
     */
    public void restore(Autosave.Orphan orphan, Consumer<Boolean> done) {
        load(orphan.scene(), orphan.origin(), true, ok -> {
            if (ok) {
                try {
                    autosave.discard(orphan);
                } catch (IOException e) {
                    activity.status("restored; the old autosave at " + orphan.dir() + " could not be removed");
                }
            } else {
                try {
                    Path aside = autosave.moveAside(orphan);
                    activity.error("the autosaved scene could not be restored; it was kept in " + aside
                            + " and will not be offered again");
                } catch (IOException e) {
                    activity.error("the autosaved scene could not be restored, nor moved aside: " + e.getMessage());
                }
            }
            done.accept(ok);
        });
    }

    public void discard(Autosave.Orphan orphan) {
        try {
            autosave.discard(orphan);
        } catch (IOException e) {
            activity.error("could not remove " + orphan.dir() + ": " + e.getMessage());
        }
    }

    /** A clean exit: the user saved or chose not to; the autosave is no longer needed. */
    public void close() {
        autosaving.close();
        try {
            autosave.clear();
        } catch (IOException e) {
            // nothing to tell anyone any more; the next start offers it
        }
    }
}
