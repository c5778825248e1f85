package org.diffusionplayground.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.diffusionplayground.preset.Preset;
import org.diffusionplayground.preset.PresetContext;
import org.diffusionplayground.preset.PresetException;
import org.diffusionplayground.preset.PresetIO;
import org.diffusionplayground.preset.PresetScene;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code playground preset ...}: work with preset files without opening the app. */
@Command(name = "preset", mixinStandardHelpOptions = true,
        description = "Check preset files (presets/*.json).",
        subcommands = {PresetCommand.Validate.class})
public final class PresetCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed: validate");
    }

    /**
     * {@code playground preset validate FILE...}: reads each preset as the app would (schema, ranges,
     * migration of older versions), generates its data and loads its checkpoints; prints one line per
     * file and every problem with the field it concerns. Exit code 1 when any file is invalid.
     */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check that presets are well-formed and that their data and checkpoints load.")
    static final class Validate implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "preset files")
        List<Path> files;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int bad = 0;
            for (Path file : files) {
                Preset p;
                try {
                    p = PresetIO.read(file);
                } catch (PresetException e) {
                    bad++;
                    err.println("invalid  " + e.getMessage());
                    continue;
                }
                try {
                    PresetScene.load(p, PresetContext.of(file));
                    out.println("ok       " + file + "  (" + p.title() + ")");
                } catch (PresetException e) {
                    bad++;
                    err.println("invalid  " + file.getFileName() + ": " + e.getMessage());
                }
            }
            out.flush();
            err.flush();
            return bad == 0 ? 0 : PlaygroundCli.EXIT_FAILED;
        }
    }
}
