package org.diffusionplayground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The time-to-quality benchmark refuses bad input in words and takes the median the way its table says. */
class BenchQualityCommandTest {

    @Test
    void anUnknownDataSetIsAUsageErrorThatListsTheChoicesWithTheHeart() {
        CliRun r = CliRun.of("bench-quality", "--datasets", "spiral-galaxy");
        assertEquals(PlaygroundCli.EXIT_USAGE, r.code(), r.err());
        assertTrue(r.err().contains("unknown data set 'spiral-galaxy'") && r.err().contains("heart, swissroll"),
                r.err());
    }

    @Test
    void medianCountsARunThatMissedTheTargetAsTheSlowest() {
        assertEquals(1500.0, BenchQualityCommand.median(new double[] {2000, 1000, 1500}));
        assertEquals(2000.0, BenchQualityCommand.median(new double[] {Double.NaN, 1000, 2000}));
        assertTrue(Double.isNaN(BenchQualityCommand.median(new double[] {Double.NaN, 1000, Double.NaN})));
    }
}
