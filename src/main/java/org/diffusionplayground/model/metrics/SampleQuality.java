package org.diffusionplayground.model.metrics;

import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.sampling.EulerMaruyama;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.sampling.SampledPaths;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.util.Cancellation;

/**
 * Sample quality of a reverse process against held-out data (MATH.md §6.4): as many Euler–Maruyama samples
 * as reference points (uniform steps from T, the paper's sampler), then the exact W2 by assignment.
 */
public final class SampleQuality {

    private SampleQuality() {
    }

    /**
     * W2 between samples of {@code process} (seeded) and {@code reference}; NaN when a sample diverged (a
     * score that returned NaN): then there is no distance to report, and callers print "n/a".
     */
    public static double w2(ReverseProcess process, int steps, long seed, PointSet reference, Cancellation cancel) {
        SampledPaths paths = SampledPaths.run(process, new EulerMaruyama(), reference.size(),
                TimeGrid.uniform(process.schedule(), steps), seed, 2, null, cancel);
        if (paths.diverged() > 0) {
            return Double.NaN;
        }
        return Wasserstein.exact(PointSet.of(paths.finalPositions()), reference);
    }
}
