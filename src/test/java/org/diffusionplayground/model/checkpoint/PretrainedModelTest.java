package org.diffusionplayground.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.diffusionplayground.model.assets.BundledAssets;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.DataSource;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.likelihood.LikelihoodOptions;
import org.diffusionplayground.model.likelihood.LikelihoodResult;
import org.diffusionplayground.model.likelihood.WkbLikelihood;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainedModelTest {

    @Test
    void everyBundledModelLoadsAndIsWhatItsNameSays() throws Exception {
        for (PretrainedModel m : PretrainedModel.values()) {
            Checkpoint cp = m.load();
            assertEquals(new DataSource.BuiltIn(m.dataSet(), 3000, 0), cp.dataSource(), m.id());
            assertEquals(m.schedule(), cp.schedule().kind(), m.id());
            // the documented recipe (assets/README.md): the app's defaults, 20 000 steps, seed 1
            TrainingConfig recipe = TrainingConfig.defaults(cp.schedule());
            assertEquals(recipe.network(), cp.network().spec(), m.id());
            assertEquals(20_000, cp.card().stepsTrained(), m.id());
            assertEquals(1, cp.card().seed(), m.id());
            assertEquals("ema", cp.card().weights(), m.id());
        }
    }

    @Test
    void theDefaultSwissRollIsTrained() throws Exception {
        // measured (assets/README.md): held-out NLL 1.40 nats at 20 000 steps, 3.3 at 2 500, the paper 1.39 ± 0.05
        Checkpoint cp = PretrainedModel.DEFAULT.load();
        Schedule s = cp.schedule().build();
        PointSet heldOut = DataSet.of(cp.dataSource()).heldOut(200, 3);
        LikelihoodResult r = new WkbLikelihood(s, new NetworkScore(cp.network(), s), LikelihoodOptions.of(1e-3))
                .logLikelihood(heldOut, null, () -> false);
        double nll = r.summary().meanNll();
        assertTrue(nll > 1.1 && nll < 1.65, "held-out NLL of the pretrained swiss roll: " + nll);
    }

    @Test
    void namesAreStable() {
        assertEquals("checkpoints/swissroll-simple.safetensors", PretrainedModel.SWISSROLL_SIMPLE.assetPath());
        assertEquals(PretrainedModel.GAUSSIANS25_COSINE, PretrainedModel.byId("25gaussians-cosine").orElseThrow());
        assertEquals(PretrainedModel.SWISSROLL_COSINE, PretrainedModel.of(
                org.diffusionplayground.model.data.ToyData.SWISS_ROLL,
                org.diffusionplayground.model.schedule.ScheduleKind.COSINE).orElseThrow());
    }

    @Test
    void aModelFileUnderAnotherModelsNameIsRefused(@TempDir Path dir) throws Exception {
        Path checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
        Path real = PretrainedModel.SWISSROLL_SIMPLE.locate();
        Files.copy(CheckpointIO.weightsFile(real), checkpoints.resolve("25gaussians-simple.safetensors"));
        Files.copy(CheckpointIO.cardFile(real), checkpoints.resolve("25gaussians-simple.json"));
        String old = System.setProperty(BundledAssets.DIRECTORY_PROPERTY, dir.toString());
        try {
            CheckpointException e = assertThrows(CheckpointException.class, PretrainedModel.GAUSSIANS25_SIMPLE::load);
            assertTrue(e.getMessage().contains("Swiss roll") && e.getMessage().contains("25 gaussians"), e.getMessage());
            CheckpointException missing = assertThrows(CheckpointException.class, PretrainedModel.SWISSROLL_COSINE::load);
            assertTrue(missing.getMessage().contains("swissroll-cosine is missing"), missing.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(BundledAssets.DIRECTORY_PROPERTY);
            } else {
                System.setProperty(BundledAssets.DIRECTORY_PROPERTY, old);
            }
        }
    }
}
