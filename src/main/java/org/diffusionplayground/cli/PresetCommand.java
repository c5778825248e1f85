package org.diffusionplayground.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.diffusionplayground.model.util.UserText;
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
        subcommands = {PresetCommand.Validate.class, PresetCommand.Normalize.class})
public final class PresetCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed: validate or normalize");
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
                String problem = check(file, out);
                if (problem != null) {
                    bad++;
                    err.println("invalid  " + problem);
                }
            }
            out.flush();
            err.flush();
            return bad == 0 ? 0 : PlaygroundCli.EXIT_FAILED;
        }
    }

    /** Checks one file: null when it is good (and "ok" was printed), else the problem. */
    static String check(Path file, PrintWriter out) {
        Preset p;
        try {
            p = PresetIO.read(file);
        } catch (PresetException e) {
            return e.getMessage();
        }
        try {
            PresetScene.load(p, PresetContext.of(file));
            out.println("ok       " + UserText.shown(file.toString(), 200) + "  (" + UserText.shown(p.title()) + ")");
            return null;
        } catch (PresetException e) {
            return UserText.shown(String.valueOf(file.getFileName())) + ": " + e.getMessage();
        }
    }

    /**
     * {@code playground preset normalize FILE --out FILE}: writes a preset in the current version's
     * complete form (every field, older versions migrated), e.g. to upgrade a lecture's old presets.
     */
    @Command(name = "normalize", mixinStandardHelpOptions = true,
            description = "Write a preset in the current version with every field spelled out (migrates older "
                    + "versions).")
    static final class Normalize implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "the preset to read")
        Path file;

        @CommandLine.Option(names = "--out", paramLabel = "FILE", required = true,
                description = "where to write (may be FILE itself with --force)")
        Path out;

        @CommandLine.Option(names = "--force", description = "replace an existing output file")
        boolean force;

        @Override
        public Integer call() throws Exception {
            Preset p = PresetIO.read(file);
            if (!force && java.nio.file.Files.exists(out)) {
                throw new CommandLine.ParameterException(spec.commandLine(), out + " exists; pass --force to replace it");
            }
            PresetIO.write(out, p, force ? org.diffusionplayground.model.util.AtomicFiles.Existing.REPLACE
                    : org.diffusionplayground.model.util.AtomicFiles.Existing.REFUSE);
            spec.commandLine().getOut().println("wrote " + out + " (version " + Preset.VERSION + ")");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
