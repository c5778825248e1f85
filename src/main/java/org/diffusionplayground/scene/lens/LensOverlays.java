package org.diffusionplayground.scene.lens;

import java.util.List;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.scene.SceneComposer;
import org.diffusionplayground.scene.SceneMode;
import org.diffusionplayground.scene.SceneOverlays;
import org.diffusionplayground.scene.SceneState;

/**
 * The scene layers of named lenses for a fixed scene, computed at once on the calling thread: what the
 * headless {@code render} command and exports of a preset draw for its {@code view.overlays}. The window
 * composes the same layers through its lens view-models, with the slow parts in the background.
 * Lenses without a scene layer (entropy production, objectives) and names that are not lenses add nothing.
 */
public final class LensOverlays {

    private LensOverlays() {
    }

    public static SceneOverlays of(SceneState state, List<String> ids, Cancellation cancel) {
        SceneOverlays all = SceneOverlays.NONE;
        Schedule schedule = state.schedule();
        ScoreModel score = state.scoreOf(false);
        DataSet data = state.data();
        if (schedule == null) {
            return all;
        }
        MixtureScore exact = data == null ? null : new SceneComposer().exactScore(data, schedule);
        for (String id : ids) {
            Lens lens = Lens.byId(id).orElse(null);
            if (lens == Lens.SPECIATION && exact != null) {
                all = all.and(new SpeciationView(exact).overlay());
            } else if (lens == Lens.CURRENT && score != null && data != null) {
                all = all.and(CurrentView.solve(schedule, score, data.points(), state.sampler().h(), null, cancel)
                        .overlay());
            } else if (lens == Lens.TWEEDIE && score != null) {
                all = all.and(new TweedieOverlay(schedule, score));
            } else if (lens == Lens.LANGEVIN && score != null && state.mode() == SceneMode.BACKWARD) {
                LangevinComparison run = LangevinComparison.run(schedule, score,
                        data != null && data.mixture().isPresent() ? exact : null, schedule.tMin(),
                        LangevinComparison.DEFAULT_STEP_RATIO * schedule.variance(schedule.tMin()),
                        state.sampler().particles(), LangevinComparison.DEFAULT_MOVES, state.sampler().seed(), cancel);
                all = all.and(run.overlay(schedule));
            }
        }
        return all;
    }
}
