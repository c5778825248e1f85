package org.diffusionplayground.export;

import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.scene.SamplerSettings;
import org.diffusionplayground.scene.SceneMode;
import org.diffusionplayground.scene.SceneState;
import org.diffusionplayground.scene.SolverChoice;
import org.diffusionplayground.scene.ViewOptions;

/** Small scenes for export tests: the 8 gaussians with their exact score, few particles, few steps. */
final class TestScenes {

    private TestScenes() {
    }

    static SceneState eightGaussians(SceneMode mode, double t, long seed) {
        DataSet data = DataSet.builtIn(ToyData.GAUSSIANS_8, 400, 0);
        Schedule s = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        MixtureScore exact = new MixtureScore(data.mixture().orElseThrow(), s, "exact score");
        return new SceneState(data, s, exact, new SamplerSettings(0.0, 300, 40, seed, SolverChoice.EULER_MARUYAMA,
                false), false, 1.0, null, null, mode, t, ViewOptions.DEFAULT);
    }
}
