package org.diffusionplayground.cli;

import org.diffusionplayground.model.reference.FokkerPlanckOptions;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The Fokker–Planck grid options every command with an exact reference shares ({@code table}, {@code curve}),
 * as a picocli mixin: one parser, one message for a bad value.
 */
final class GridOptions {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    @Option(names = "--grid-cells", paramLabel = "N0,NMAX", split = ",",
            description = "Fokker–Planck grid: cells per axis at T and at most (default: FokkerPlanckOptions.defaults)")
    int[] cells;

    @Option(names = "--grid-step", paramLabel = "X", description = "Fokker–Planck macro step in log-SNR")
    Double step;

    /** {@code base} with the given cells and step; a bad value is a usage error of the command. */
    FokkerPlanckOptions apply(FokkerPlanckOptions base) {
        FokkerPlanckOptions o = base;
        try {
            if (cells != null) {
                if (cells.length != 2) {
                    throw usage("--grid-cells needs two numbers N0,NMAX, got " + cells.length);
                }
                o = o.withCells(cells[0], cells[1]);
            }
            if (step != null) {
                o = o.withLogSnrStep(step);
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return o;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(mixee.commandLine(), message);
    }
}
