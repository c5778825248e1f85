package org.diffusionplayground.model.metrics;

import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.sampling.Sampler;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.util.Cancellation;

/**
 * One fixed way to ask "how good are this network's samples" while it trains (docs/MATH.md §6.4): as many
 * samples as reference points, drawn by one sampler on one grid at one 𝔥 with one seed, and their W2 and
 * MMD² to the reference. Fixing everything but the weights makes two measurements differ only because the
 * weights do, so W2 along a run, or of two recipes, can be compared number to number.
 *
 * @param schedule  the forward process the network was trained on
 * @param sampler   the reverse-time sampler
 * @param grid      its time steps
 * @param h         the 𝔥 of the reverse process (1: the reverse SDE)
 * @param seed      seed of the sampler's noise
 * @param reference the points the samples are measured against ({@link SampleQuality#reference})
 */
public record QualityProbe(Schedule schedule, Sampler sampler, TimeGrid grid, double h, long seed,
        PointSet reference) {

    public QualityProbe {
        if (reference.size() < 2 || reference.size() > Wasserstein.MAX_EXACT) {
            throw new IllegalArgumentException("the reference must have between 2 and " + Wasserstein.MAX_EXACT
                    + " points, got " + reference.size());
        }
        ReverseProcess.requireValidH(h);
    }

    /** W2 and MMD² of samples of {@code network}; {@link SampleQuality.Distances#NONE} when a sample diverged. */
    public SampleQuality.Distances measure(Mlp network) {
        ReverseProcess process = new ReverseProcess(schedule, new NetworkScore(network, schedule), h);
        return SampleQuality.of(process, sampler, grid, seed, reference, SampleQuality.bandwidth(reference),
                Cancellation.NEVER);
    }
}
