package org.diffusionplayground.bench;

import java.util.Set;

/**
 * How much the suite measures. The full run is what docs/benchmarks.md reports (a few minutes on 2
 * cores); the quick run does every row with tiny sizes and single repeats, to prove the command works
 * (the unit test runs it), not to measure anything.
 *
 * @param quick            smoke-test sizes (rows say so)
 * @param rounds           repeats of every timed figure (≥ 1)
 * @param trainSteps       timed DSM steps per repeat of our trainer and of libtorch
 * @param plainSteps       timed steps per repeat of the slow plain-Java floor
 * @param points           points of the forward and sampler rows
 * @param jetPoints        points of the third-order jet row
 * @param sampleSteps      Euler–Maruyama steps of the full sample
 * @param likelihoodPoints held-out points of the likelihood rows
 * @param likelihoodRounds repeats of the (long) likelihood rows
 * @param frames           frames timed for the frame-time percentiles
 * @param sections         the sections to run ({@link BenchSuite#SECTIONS})
 */
public record BenchOptions(boolean quick, int rounds, int trainSteps, int plainSteps, int points,
        int jetPoints, int sampleSteps, int likelihoodPoints, int likelihoodRounds, int frames, Set<String> sections) {

    public static BenchOptions full() {
        return new BenchOptions(false, 5, 300, 6, 10_000, 1_000, 500, 1_000, 3, 600, BenchSuite.SECTIONS);
    }

    public static BenchOptions quickRun() {
        return new BenchOptions(true, 1, 3, 1, 1_000, 100, 5, 8, 1, 10, BenchSuite.SECTIONS);
    }

    public BenchOptions withSections(Set<String> only) {
        return new BenchOptions(quick, rounds, trainSteps, plainSteps, points, jetPoints, sampleSteps,
                likelihoodPoints, likelihoodRounds, frames, Set.copyOf(only));
    }

    public BenchOptions withRounds(int n) {
        return new BenchOptions(quick, Math.max(1, n), trainSteps, plainSteps, points, jetPoints,
                sampleSteps, likelihoodPoints, Math.min(likelihoodRounds, Math.max(1, n)), frames, sections);
    }

    public boolean runs(String section) {
        return sections.contains(section);
    }
}
