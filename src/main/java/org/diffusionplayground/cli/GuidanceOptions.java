package org.diffusionplayground.cli;

import org.diffusionplayground.model.score.ConditionalScore;
import org.diffusionplayground.model.score.Guidance;
import org.diffusionplayground.model.score.ScoreModel;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --label K --guidance W}: classifier-free guidance of a conditional model (docs/MATH.md §8), as a
 * picocli mixin shared by the commands that sample.
 */
final class GuidanceOptions {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    @Option(names = "--label", paramLabel = "K", description = "sample class K of a conditional model "
            + "(trained with train --conditional); default: all classes, unguided")
    Integer label;

    @Option(names = "--guidance", paramLabel = "W", description = "guidance scale w of classifier-free guidance, "
            + "0 … 8: s_w = (1 + w)·s(x, t, K) − w·s(x, t, ∅) (default 0, the class as learned); needs --label")
    Double scale;

    /** The guidance asked for on {@code model}; a class the model does not know is a usage error. */
    Guidance resolve(ScoreModel model) {
        if (label == null) {
            if (scale != null) {
                throw usage("--guidance needs --label: guidance sharpens one class");
            }
            return Guidance.NONE;
        }
        int classes = model instanceof ConditionalScore c ? c.classes() : 0;
        if (classes == 0) {
            throw usage("--label needs a conditional model (train one with train --conditional); this one was "
                    + "trained without labels");
        }
        if (label < 0 || label >= classes) {
            throw usage("--label must be between 0 and " + (classes - 1) + " for this model, got " + label);
        }
        double w = scale == null ? 0 : scale;
        String problem = Guidance.problemWithScale(w);
        if (problem != null) {
            throw usage("--guidance: " + problem + ", got " + w);
        }
        return Guidance.of(label, w);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(mixee.commandLine(), message);
    }
}
