package org.diffusionplayground.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The headless entry point, {@code playground <command>}. Each command is its own class listed in
 * {@code subcommands}; this class only wires them and the error handling every command shares: a bad
 * argument prints one line and exits with 2, a failure while running prints one line and exits with 1.
 */
@Command(name = "playground", mixinStandardHelpOptions = true, versionProvider = PlaygroundCli.Version.class,
        description = "Diffusion Playground, headless: train score networks on 2-D data, measure them, render presets.",
        subcommands = {TrainCommand.class, TableCommand.class, CurveCommand.class, LikelihoodCommand.class, SamplersCommand.class, GuidanceCommand.class,
            BenchCommand.class, BenchTrainCommand.class, BenchLiveCommand.class, BenchQualityCommand.class,
            RenderCommand.class,
            PresetCommand.class, CommandLine.HelpCommand.class})
public final class PlaygroundCli implements Runnable {

    /** Exit code of a bad argument (picocli's USAGE). */
    public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;
    /** Exit code of a run that failed. */
    public static final int EXIT_FAILED = 1;
    /** Exit code after Ctrl-C (128 + SIGINT), as shells expect. */
    public static final int EXIT_INTERRUPTED = 130;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line in-process and returns its exit code (tests use this). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PlaygroundCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println(cmd.getCommandName().equals("playground") ? "playground: " + ex.getMessage()
                    : "playground " + cmd.getCommandName() + ": " + ex.getMessage());
            err.println("Try 'playground " + (cmd.getCommandName().equals("playground") ? "" : cmd.getCommandName()
                    + " ") + "--help' for more information.");
            err.flush();
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            err.println("playground " + cmd.getCommandName() + ": " + (ex.getMessage() != null ? ex.getMessage()
                    : ex.toString()));
            err.flush();
            return EXIT_FAILED;
        });
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed (train, bench, render, ...)");
    }

    /** The app's version from the jar manifest, "dev" when run from classes. */
    public static String appVersion() {
        return org.diffusionplayground.model.util.AppVersion.get();
    }

    /** picocli's --version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Diffusion Playground " + appVersion(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
