package org.diffusionplayground.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.diffusionplayground.bench.BenchOptions;
import org.diffusionplayground.bench.BenchReport;
import org.diffusionplayground.bench.BenchSuite;
import org.diffusionplayground.bench.BenchmarksDoc;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code playground bench}: the benchmark suite of docs/benchmarks.md — training, network,
 * sampler, likelihood, Fokker–Planck and frame rows, each against the peers measured in the same run
 * (libtorch through DJL when the bench build put it on the class path, a plain-Java floor, Hipparchus).
 * Prints the table and writes it into docs/benchmarks.md between its markers. The per-phase training
 * breakdown stays in {@code bench-train}, which shares its measurement code.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run the benchmark suite and update docs/benchmarks.md (a few minutes on 2 cores).",
            "The libtorch peer needs the bench build: ./mvnw -Pbench -DskipTests package."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "smoke test: tiny sizes, one repeat; writes no doc unless --doc is given")
    boolean quick;

    @Option(names = "--doc", paramLabel = "FILE",
            description = "Markdown file whose generated section is replaced (default docs/benchmarks.md)")
    Path doc;

    @Option(names = "--no-doc", description = "print the table only")
    boolean noDoc;

    @Option(names = "--sections", split = ",", paramLabel = "NAME",
            description = "run only these: training, network, sampler, likelihood, fokker-planck, frames")
    List<String> sections;

    @Option(names = "--rounds", description = "repeats of every timed figure (default 5; 1 with --quick)")
    Integer rounds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BenchOptions options = quick ? BenchOptions.quickRun() : BenchOptions.full();
        if (sections != null) {
            Set<String> chosen = new LinkedHashSet<>();
            for (String s : sections) {
                String name = s.trim().toLowerCase(java.util.Locale.ROOT);
                if (!BenchSuite.SECTIONS.contains(name)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "unknown section '" + s
                            + "' (sections: training, network, sampler, likelihood, fokker-planck, frames)");
                }
                chosen.add(name);
            }
            options = options.withSections(chosen);
        }
        if (rounds != null) {
            if (rounds < 1 || rounds > 100) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--rounds must be between 1 and 100");
            }
            options = options.withRounds(rounds);
        }
        Path target = noDoc ? null : doc != null ? doc : quick ? null : Path.of("docs", "benchmarks.md");
        CommandLine.ParseResult parsed = spec.root().commandLine().getParseResult();
        String command = "./playground " + (parsed == null ? "bench" : String.join(" ", parsed.originalArgs()));
        BenchReport report = new BenchSuite(options, line -> {
            err.println("bench: " + line);
            err.flush();
        }).run(command);
        out.println();
        out.print(report.text());
        if (target != null) {
            BenchmarksDoc.update(target, report.markdown());
            out.println("\nwrote the table into " + target);
        }
        out.flush();
        return 0;
    }
}
