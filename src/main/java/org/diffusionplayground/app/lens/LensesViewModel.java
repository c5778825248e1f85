package org.diffusionplayground.app.lens;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.diffusionplayground.app.Jobs;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.scene.SceneMode;
import org.diffusionplayground.scene.SceneOverlays;
import org.diffusionplayground.scene.lens.Lens;
import org.diffusionplayground.scene.lens.TweedieOverlay;

/**
 * The lenses of the scene (MATH.md §7): one switch per {@link Lens}, the settings and results of the lenses
 * that compute something in the background, and one {@link SceneOverlays} that adds the switched-on
 * lenses to every frame — on screen and in exports alike. Switches are named by {@link Lens#id()} for
 * presets ({@code view.overlays}).
 */
public final class LensesViewModel {

    private final SceneViewModel scene;
    private final Map<Lens, BooleanProperty> enabled = new EnumMap<>(Lens.class);
    private final LensStatus status = new LensStatus();
    private final LangevinLensModel langevin;
    private final EntropyLensModel entropy;
    private final SpeciationLensModel speciation;
    private final ObjectivesLensModel objectives;
    private final CurrentLensModel current;

    public LensesViewModel(SceneViewModel scene, Jobs jobs) {
        this.scene = scene;
        this.langevin = new LangevinLensModel(scene, jobs, status);
        this.entropy = new EntropyLensModel(scene, jobs, status);
        this.speciation = new SpeciationLensModel(scene, jobs, status);
        this.objectives = new ObjectivesLensModel(scene, jobs, status);
        this.current = new CurrentLensModel(scene, jobs, status);
        for (Lens l : Lens.values()) {
            BooleanProperty p = new SimpleBooleanProperty(this, l.id(), false);
            enabled.put(l, p);
            p.addListener((o, was, on) -> switched(l, on));
        }
    }

    private void switched(Lens l, boolean on) {
        switch (l) {
            case LANGEVIN -> langevin.setEnabled(on);
            case ENTROPY -> entropy.setEnabled(on);
            case SPECIATION -> speciation.setEnabled(on);
            case OBJECTIVES -> objectives.setEnabled(on);
            case CURRENT -> current.setEnabled(on);
            default -> { }
        }
        if (on && l == Lens.LANGEVIN) {
            scene.modeProperty().set(SceneMode.BACKWARD);
        }
        scene.rebuild();
    }

    public BooleanProperty enabledProperty(Lens lens) {
        return enabled.get(lens);
    }

    public LangevinLensModel langevin() {
        return langevin;
    }

    public EntropyLensModel entropy() {
        return entropy;
    }

    public SpeciationLensModel speciation() {
        return speciation;
    }

    public ObjectivesLensModel objectives() {
        return objectives;
    }

    public CurrentLensModel current() {
        return current;
    }

    public LensStatus status() {
        return status;
    }

    /** The switched-on lenses' ids, for saving a preset. */
    public List<String> enabledIds() {
        List<String> ids = new ArrayList<>();
        for (Lens l : Lens.values()) {
            if (enabled.get(l).get()) {
                ids.add(l.id());
            }
        }
        return ids;
    }

    /**
     * Switches on exactly the lenses named (a preset's {@code view.overlays}); names that are not lenses
     * belong to other parts of the app and are ignored here.
     */
    public void applyIds(List<String> ids) {
        for (Lens l : Lens.values()) {
            enabled.get(l).set(ids.stream().anyMatch(id -> id.equalsIgnoreCase(l.id())));
        }
    }

    /** The layers of the switched-on lenses, for {@link SceneViewModel#overlaysProperty()}. */
    public SceneOverlays overlay() {
        SceneOverlays speciationLayer = speciation.overlay();
        SceneOverlays langevinLayer = langevin.overlay();
        SceneOverlays currentLayer = current.overlay();
        return (b, legend, t, h) -> {
            boolean backward = scene.modeProperty().get() == SceneMode.BACKWARD;
            if (enabled.get(Lens.CURRENT).get()) {
                currentLayer.contribute(b, legend, t, h);
            }
            if (enabled.get(Lens.SPECIATION).get()) {
                speciationLayer.contribute(b, legend, t, h);
            }
            if (enabled.get(Lens.TWEEDIE).get()) {
                Schedule s = scene.scheduleProperty().get();
                ScoreModel score = scene.state().scoreOf(false); // the score the particles follow
                if (s != null && score != null) {
                    new TweedieOverlay(s, score).contribute(b, legend, t, h);
                }
            }
            if (enabled.get(Lens.LANGEVIN).get() && backward) {
                langevinLayer.contribute(b, legend, t, h);
            }
        };
    }
}
