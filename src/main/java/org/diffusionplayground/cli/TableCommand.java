package org.diffusionplayground.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.checkpoint.CheckpointException;
import org.diffusionplayground.model.checkpoint.CheckpointIO;
import org.diffusionplayground.model.checkpoint.ModelCard;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.likelihood.FiniteDifferenceWkb;
import org.diffusionplayground.model.likelihood.LikelihoodOptions;
import org.diffusionplayground.model.likelihood.LikelihoodResult;
import org.diffusionplayground.model.likelihood.WkbLikelihood;
import org.diffusionplayground.model.ode.Tolerance;
import org.diffusionplayground.model.reference.FokkerPlanckOptions;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.train.TrainingConfig;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.ProgressListener;
import org.diffusionplayground.scene.SolverChoice;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code playground table}: the likelihood table of Hirono, Tanaka & Fukushima (ICML 2024) reproduced (MATH.md §5). For every data set,
 * schedule and seed it trains the paper's setup ({@link TrainingConfig#paper}) or loads it from the cache,
 * then prints, as mean ± sd over seeds: the PF-ODE NLL at 𝔥 = 0 and the first-order correction −E[C] at
 * each tolerance, the exact NLL at 𝔥 = 0 and 1 from the Fokker–Planck grid, and W2 of 𝔥 = 0 and 𝔥 = 1
 * samples against held-out data. Then the paper's finite-difference variant of C against ours on one model.
 * NLL is in nats per sample in the data's coordinates (the paper's unit too).
 */
@Command(name = "table", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Reproduce the paper's table: NLL at 𝔥 = 0, the first-order correction −E[C], the exact "
                + "NLL(𝔥 = 1) from the Fokker–Planck grid and W2, as mean ± sd over seeds.",
        footer = {"", "Examples:",
            "  playground table                                    # the full table (trains 20 models once, ~1 h)",
            "  playground table --datasets 25gaussians --schedules SIMPLE --seeds 2 --steps 2000 --points 200"})
public final class TableCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--datasets", split = ",", paramLabel = "NAME", converter = DatasetName.Converter.class,
            defaultValue = "swissroll,25gaussians", description = "data sets (default: swissroll,25gaussians)")
    List<ToyData> datasets;

    @Option(names = "--schedules", split = ",", paramLabel = "KIND", defaultValue = "SIMPLE,COSINE",
            description = "schedules (default: SIMPLE,COSINE)")
    List<ScheduleKind> schedules;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "5",
            description = "training seeds per configuration: 1 … N; seed k also draws the k-th training set (default 5)")
    int seeds;

    @Option(names = "--steps", paramLabel = "N",
            description = "training steps (default: the paper's 16 000 epochs of 3 000 points at batch 512 = 80 000)")
    Long steps;

    @Option(names = "--tolerances", split = ",", paramLabel = "TOL", defaultValue = "1e-3,1e-5",
            description = "rtol = atol of the likelihood solver (default: 1e-3,1e-5, the paper's)")
    double[] tolerances;

    @Option(names = "--points", paramLabel = "N", defaultValue = "1000",
            description = "held-out points for NLL, C and the grid NLL (default 1000, the paper's)")
    int points;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "1000",
            description = "samples per 𝔥 for W2 against as many held-out points (default 1000; at most 2000)")
    int samples;

    @Option(names = "--sampler-steps", paramLabel = "N", defaultValue = "1000",
            description = "sampler steps of the W2 samples (default 1000, the paper's)")
    int samplerSteps;

    @Option(names = "--solver", paramLabel = "NAME", defaultValue = "EULER_MARUYAMA",
            description = "sampler of the W2 samples, with its step schedule: EULER_MARUYAMA (default, the paper's, "
                    + "equal steps in t) or EXPONENTIAL (exponential integrator, equal steps in log-SNR; stable near T "
                    + "of the cosine schedule, docs/MATH.md §3.1)")
    SolverChoice solver;

    @CommandLine.Mixin
    GridOptions grid;

    @Option(names = "--compare-fd", paramLabel = "N", defaultValue = "50",
            description = "points for the paper's finite-difference C against ours on the first model (0 = skip; "
                    + "default 50)")
    int compareFd;

    @Option(names = "--cache", paramLabel = "DIR", defaultValue = "target/table-models",
            description = "where trained models are kept and looked up (default target/table-models)")
    Path cache;

    @Option(names = "--no-reference", description = "skip the Fokker–Planck grid and W2: the likelihood columns "
            + "only (seconds per model instead of minutes)")
    boolean noReference;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
            description = "models trained and evaluated at once in this process (default 1; each uses every core "
                    + "while it trains, so more than the core count gains nothing)")
    int jobs;

    @Option(names = "--shard", paramLabel = "I/N", converter = Shard.Converter.class,
            description = "only the I-th of N equal shares of the (data set, schedule, seed) cells, for a cluster "
                    + "job array; with --save, then --merge")
    Shard shard;

    @Option(names = "--save", paramLabel = "DIR",
            description = "also write every cell's numbers to DIR as JSON (one file per model), for --merge")
    Path save;

    @Option(names = "--merge", paramLabel = "DIR",
            description = "print the table from the cells that --save wrote to DIR (no training, no evaluation)")
    Path merge;

    @Option(names = "--details", description = "also print every model's own numbers")
    boolean details;

    @Option(names = "--quiet", description = "no progress lines")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintStream err = System.err;
        ModelEvaluation.Settings settings = new ModelEvaluation.Settings(tolerances, points, samples, solver, samplerSteps,
                gridOptions(), !noReference);
        out.printf(Locale.ROOT, "Table of Hirono, Tanaka & Fukushima (ICML 2024) reproduced: paper setup (MLP 3x128 SiLU on (x, t) -> score, g^2-weighted "
                + "DSM on the 1000-point t grid, Adam 1e-3, batch 512, %d steps), %d seed(s), %d held-out points;%n",
                trainingSteps(), seeds, points);
        FokkerPlanckOptions g = settings.grid();
        out.printf(Locale.ROOT, "NLL in nats per sample, data coordinates; mean ± sd over seeds. C's spread: mean after "
                + "dropping 1%% at each end, median, and the points with |C| > 100 (summed over seeds).%n");
        if (noReference) {
            out.printf(Locale.ROOT, "Fokker-Planck grid and W2 skipped (--no-reference).%n%n");
        } else {
            out.printf(Locale.ROOT, "Fokker-Planck grid: %d^2 cells at T refined up to %d^2 (%.0f cells per width), "
                    + "log-SNR step %s, Courant %s, domain data box + %.0f sigma_t.%n", g.initialCells(), g.maxCells(),
                    g.cellsPerWidth(), g.logSnrStep(), g.courant(), g.tailSigmas());
            out.printf(Locale.ROOT, "W2: %d samples by %s (%d steps %s, same noise at both h) vs an i.i.d. draw "
                    + "of %d data points, exact assignment (not squared); floor: W2 of fresh i.i.d. draws against the same "
                    + "points, where a perfect sampler lands. MMD^2 (unbiased, Gaussian kernel of the median distance) "
                    + "in the per-model lines.%n%n", samples, solver.name(), samplerSteps, solver.stepSchedule(), samples);
        }
        List<TableEntry> entries;
        if (merge != null) {
            entries = TableEntry.loadAll(merge);
            String mismatch = entries.stream().map(TableEntry::setup).filter(x -> !x.equals(setup())).findFirst()
                    .orElse(null);
            if (mismatch != null) {
                throw new CheckpointException(merge + " holds cells made with another setup (" + mismatch
                        + ") than this command's (" + setup() + "): give the same options as the shards had");
            }
        } else {
            entries = evaluateCells(settings, err);
            if (entries == null) {
                return PlaygroundCli.EXIT_INTERRUPTED;
            }
        }
        List<Row> rows = rows(entries);
        printTable(out, rows);
        if (details) {
            out.println();
            out.println("Per model:");
            entries.forEach(e -> out.println(detail(e.kind().displayName() + " " + e.schedule() + " seed " + e.seed(),
                    e.evaluation())));
        }
        if (compareFd > 0 && merge == null && !entries.isEmpty()) {
            TableEntry first = entries.get(0);
            DataSet firstData = DataSet.builtIn(first.kind(), TrainingConfig.PAPER_DATA_SIZE, first.seed());
            out.println();
            compareFiniteDifferences(out, loadOrTrain(firstData, first.schedule(), first.seed(), err), firstData, err);
        }
        out.flush();
        return 0;
    }

    /** The (data set, schedule, seed) cells in table order. */
    private List<TableEntry> cells() {
        List<TableEntry> cells = new ArrayList<>();
        for (ToyData data : datasets) {
            for (ScheduleKind kind : schedules) {
                for (int seed = 1; seed <= seeds; seed++) {
                    cells.add(new TableEntry(DatasetName.of(data), kind, seed, setup(), null));
                }
            }
        }
        return cells;
    }

    /** Trains or loads and evaluates this shard's cells, {@code jobs} at a time; null when interrupted. */
    private List<TableEntry> evaluateCells(ModelEvaluation.Settings settings, PrintStream err) throws Exception {
        List<TableEntry> mine = new ArrayList<>();
        List<TableEntry> all = cells();
        for (int i = 0; i < all.size(); i++) {
            if (shard == null || shard.includes(i)) {
                mine.add(all.get(i));
            }
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(jobs);
        try {
            List<java.util.concurrent.Future<TableEntry>> futures = new ArrayList<>();
            for (TableEntry cell : mine) {
                futures.add(pool.submit(() -> evaluate(cell, settings, err)));
            }
            List<TableEntry> done = new ArrayList<>();
            for (java.util.concurrent.Future<TableEntry> f : futures) {
                TableEntry e;
                try {
                    e = f.get();
                } catch (java.util.concurrent.ExecutionException failed) {
                    throw failed.getCause() instanceof Exception ex ? ex : failed;
                }
                if (e == null) {
                    return null;
                }
                done.add(e);
            }
            return done;
        } finally {
            pool.shutdownNow();
        }
    }

    private TableEntry evaluate(TableEntry cell, ModelEvaluation.Settings settings, PrintStream err) throws Exception {
        ToyData data = cell.kind();
        DataSet dataSet = DataSet.builtIn(data, TrainingConfig.PAPER_DATA_SIZE, cell.seed());
        Checkpoint model = loadOrTrain(dataSet, cell.schedule(), cell.seed(), err);
        if (model == null) {
            return null;
        }
        Schedule schedule = ScheduleSpec.of(cell.schedule()).build();
        ScoreModel score = new NetworkScore(model.network(), schedule);
        String label = String.format(Locale.ROOT, "%s %s seed %d", data.displayName(), cell.schedule(), cell.seed());
        ModelEvaluation e = ModelEvaluation.of(schedule, score, dataSet, cell.seed(), settings, progress(err, label));
        if (!quiet) {
            err.printf(Locale.ROOT, "%s evaluated in %.1f s%n", label, e.seconds());
        }
        TableEntry entry = new TableEntry(cell.data(), cell.schedule(), cell.seed(), cell.setup(), e);
        if (save != null) {
            entry.save(save);
        }
        return entry;
    }

    /** Groups the cells into one row per (data set, schedule), in table order. */
    private static List<Row> rows(List<TableEntry> entries) {
        java.util.Map<String, Row> rows = new java.util.LinkedHashMap<>();
        for (TableEntry e : entries) {
            rows.computeIfAbsent(e.data() + " " + e.schedule(), k -> new Row(e.kind(), e.schedule(), new ArrayList<>()))
                    .evaluations().add(e.evaluation());
        }
        return List.copyOf(rows.values());
    }

    /** What must agree between the cells of one table. */
    private String setup() {
        return String.format(Locale.ROOT, "%d training steps, %d points, tolerances %s, %s", trainingSteps(), points,
                java.util.Arrays.toString(tolerances), noReference ? "no reference"
                        : "reference: " + samples + " samples, " + samplerSteps + " steps of " + solver.name() + ", grid "
                                + gridOptions());
    }

    private void validate() {
        if (seeds < 1 || seeds > 100) {
            throw usage("--seeds must be between 1 and 100, got " + seeds);
        }
        if (datasets.isEmpty() || schedules.isEmpty()) {
            throw usage("give at least one data set and one schedule");
        }
        if (tolerances.length == 0) {
            throw usage("give at least one tolerance");
        }
        for (double tol : tolerances) {
            try {
                Tolerance.of(tol);
            } catch (IllegalArgumentException e) {
                throw usage("--tolerances: " + e.getMessage());
            }
        }
        if (points < 2 || points > 100_000) {
            throw usage("--points must be between 2 and 100000, got " + points);
        }
        if (samples < 2 || samples > org.diffusionplayground.model.metrics.Wasserstein.MAX_EXACT) {
            throw usage("--samples must be between 2 and " + org.diffusionplayground.model.metrics.Wasserstein.MAX_EXACT
                    + " (exact W2), got " + samples);
        }
        if (samplerSteps < 1 || samplerSteps > org.diffusionplayground.model.sampling.TimeGrid.MAX_STEPS) {
            throw usage("--sampler-steps must be between 1 and "
                    + org.diffusionplayground.model.sampling.TimeGrid.MAX_STEPS + ", got " + samplerSteps);
        }
        if (compareFd < 0 || compareFd > 1000) {
            throw usage("--compare-fd must be between 0 and 1000, got " + compareFd);
        }
        if (jobs < 1 || jobs > 64) {
            throw usage("--jobs must be between 1 and 64, got " + jobs);
        }
        if (merge != null && (shard != null || save != null)) {
            throw usage("--merge prints saved cells: it takes neither --shard nor --save");
        }
        if (steps != null && (steps < 1 || steps > TrainingConfig.MAX_STEPS)) {
            throw usage("--steps must be between 1 and " + TrainingConfig.MAX_STEPS + ", got " + steps);
        }
    }

    private FokkerPlanckOptions gridOptions() {
        return grid.apply(FokkerPlanckOptions.defaults());
    }

    private long trainingSteps() {
        return steps != null ? steps
                : TrainingConfig.stepsForEpochs(TrainingConfig.PAPER_EPOCHS, TrainingConfig.PAPER_DATA_SIZE,
                        TrainingConfig.PAPER_BATCH);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** The paper's setup for one seed: weights, batches, t and noise from {@code seed}. */
    private TrainingConfig config(ScheduleKind kind, long seed) {
        return TrainingConfig.paper(ScheduleSpec.of(kind)).withSteps(trainingSteps()).withSeed(seed);
    }

    /** {@code <cache>/<data>-<SCHEDULE>-seed<k>/model}: the same layout {@code train --out} writes. */
    private Path modelBase(ToyData data, ScheduleKind kind, long seed) {
        return cache.resolve(DatasetName.of(data) + "-" + kind + "-seed" + seed).resolve("model");
    }

    /** The cached model when its card says it is exactly this setup; otherwise trains and caches it. */
    private Checkpoint loadOrTrain(DataSet dataSet, ScheduleKind kind, long seed, PrintStream err)
            throws CheckpointException {
        ToyData data = ((org.diffusionplayground.model.data.DataSource.BuiltIn) dataSet.source()).kind();
        Path base = modelBase(data, kind, seed);
        TrainingConfig config = config(kind, seed);
        if (Files.exists(CheckpointIO.cardFile(base))) {
            try {
                Checkpoint cp = CheckpointIO.load(base);
                String mismatch = mismatch(cp.card(), config, dataSet);
                if (mismatch == null) {
                    return cp;
                }
                err.println(base + ": cached model is for another setup (" + mismatch + "); training it again");
            } catch (CheckpointException e) {
                err.println("cannot use the cached model: " + e.getMessage() + "; training it again");
            }
        }
        try {
            Files.createDirectories(base.getParent());
        } catch (java.io.IOException e) {
            throw new CheckpointException("cannot create the cache directory " + base.getParent() + ": "
                    + e.getMessage(), e);
        }
        return TrainingRun.trainAndSave(config, dataSet, base, err, quiet);
    }

    /** Null when the card describes {@code config} on {@code data}, else what differs. */
    static String mismatch(ModelCard card, TrainingConfig config, DataSet data) {
        if (!card.network().toSpec().equals(config.network())) {
            return "network " + card.network().toSpec();
        }
        if (!card.schedule().toSpec().equals(config.schedule())) {
            return "schedule " + card.schedule().kind();
        }
        if (!ModelCard.Training.of(config).equals(card.training())) {
            return "training " + (card.training() == null ? "unknown" : card.training().summary());
        }
        if (card.seed() != config.seed() || card.stepsTrained() != config.steps()) {
            return "seed " + card.seed() + ", " + card.stepsTrained() + " steps";
        }
        if (!ModelCard.Data.of(data.source()).equals(card.data())) {
            return "data " + card.data();
        }
        return null;
    }

    private ProgressListener progress(PrintStream err, String label) {
        if (quiet) {
            return ProgressListener.NONE;
        }
        long[] last = {0};
        return (fraction, message) -> {
            long now = System.currentTimeMillis();
            if (now - last[0] > 10_000) {
                last[0] = now;
                err.printf(Locale.ROOT, "%s: %s (%.0f%%)%n", label, message, 100 * fraction);
            }
        };
    }

    private record Row(ToyData data, ScheduleKind schedule, List<ModelEvaluation> evaluations) {
    }

    private void printTable(PrintWriter out, List<Row> rows) {
        String header = String.format(Locale.ROOT, "%-13s %-8s %-6s %-17s %-17s %-17s %-17s %-8s %-12s %-17s %-17s "
                + "%-15s %-15s %-15s", "data", "schedule", "tol", "NLL(h=0) PF-ODE", "1st corr -E[C]", "-E[C] trim 1%",
                "-median C", "|C|>100", "failed NLL/C", "NLL(h=0) grid", "NLL(h=1) grid", "W2(h=0)", "W2(h=1)",
                "W2 iid floor");
        out.println(header);
        out.println("-".repeat(header.length()));
        for (Row row : rows) {
            for (int k = 0; k < tolerances.length; k++) {
                int tk = k;
                Stats nll = Stats.of(row.evaluations, e -> e.likelihoods().get(tk).summary().meanNll());
                Stats corr = Stats.of(row.evaluations, e -> e.likelihoods().get(tk).summary().nllCorrection());
                int failedNll = row.evaluations.stream().mapToInt(e -> e.likelihoods().get(tk).summary().failed()).sum();
                int failedC = row.evaluations.stream()
                        .mapToInt(e -> e.likelihoods().get(tk).summary().correctionFailed()).sum();
                Stats trimmed = Stats.of(row.evaluations, e -> -e.likelihoods().get(tk).spread().trimmedMean());
                Stats median = Stats.of(row.evaluations, e -> -e.likelihoods().get(tk).spread().median());
                int extreme = row.evaluations.stream().mapToInt(e -> e.likelihoods().get(tk).spread().beyond100()).sum();
                String gridAndW2 = k > 0 ? "" : String.format(Locale.ROOT, "%-17s %-17s %-15s %-15s %-15s",
                        Stats.of(row.evaluations, ModelEvaluation::gridNll0),
                        Stats.of(row.evaluations, ModelEvaluation::gridNll1), Stats.of(row.evaluations, ModelEvaluation::w2h0),
                        Stats.of(row.evaluations, ModelEvaluation::w2h1),
                        Stats.of(row.evaluations, e -> e.floor().w2Mean()));
                out.printf(Locale.ROOT, "%-13s %-8s %-6s %-17s %-17s %-17s %-17s %-8d %-12s %s%n",
                        k == 0 ? row.data.displayName() : "", k == 0 ? row.schedule : "", shortTol(tolerances[k]), nll,
                        corr, trimmed, median, extreme, failedNll + "/" + failedC, gridAndW2);
            }
        }
    }

    private static String shortTol(double tol) {
        return String.format(Locale.ROOT, "%.0e", tol).replace("e-0", "e-");
    }

    private String detail(String label, ModelEvaluation e) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-30s", label));
        for (ModelEvaluation.AtTolerance a : e.likelihoods()) {
            LikelihoodResult.Summary s = a.summary();
            LikelihoodResult.CorrectionSpread c = a.spread();
            sb.append(String.format(Locale.ROOT, " | tol %s: NLL %.6g ± %.3g, -E[C] %.4g ± %.3g (trimmed %.3f, "
                    + "median %.3f, max |C| %.3g, %d beyond 100), failed %d without NLL, %d without C, %d evals, %.1f s",
                    shortTol(a.tolerance()), s.meanNll(), s.seNll(), s.nllCorrection(), s.seCorrection(),
                    -c.trimmedMean(), -c.median(), c.maxAbs(), c.beyond100(), s.failed(), s.correctionFailed(),
                    a.evaluations(), a.seconds()));
        }
        if (!noReference) {
            sb.append(String.format(Locale.ROOT,
                    " | grid %d²: NLL(0) %.4f ± %.4f, NLL(1) %.4f ± %.4f (grid error), %d points outside, %.1f s",
                    e.gridCells(), e.gridNll0(), e.gridError0(), e.gridNll1(), e.gridError1(), e.gridFailures(),
                    e.gridSeconds()));
            sb.append(String.format(Locale.ROOT, " | W2 %.4f / %.4f (i.i.d. floor %.4f ± %.4f)", e.w2h0(), e.w2h1(),
                    e.floor().w2Mean(), e.floor().w2Sd()));
            sb.append(String.format(Locale.ROOT, " | MMD^2 %.2e / %.2e (i.i.d. floor %.1e ± %.1e)", e.mmd2h0(),
                    e.mmd2h1(), e.floor().mmd2Mean(), e.floor().mmd2Sd()));
        }
        return sb.toString();
    }

    /** The paper's finite-difference C (MATH.md §5, last paragraph) against ours, same model and tolerance. */
    private void compareFiniteDifferences(PrintWriter out, Checkpoint model, DataSet data, PrintStream err) {
        Schedule schedule = model.schedule().build();
        ScoreModel score = new NetworkScore(model.network(), schedule);
        PointSet pts = data.heldOut(compareFd, model.card().seed());
        double tol = tolerances[0];
        if (!quiet) {
            err.println("paper's finite-difference variant on " + compareFd + " points ...");
        }
        LikelihoodResult ours = new WkbLikelihood(schedule, score, LikelihoodOptions.of(tol))
                .withCorrection(pts, null, Cancellation.NEVER);
        LikelihoodResult fd = new FiniteDifferenceWkb(schedule, score, Tolerance.of(tol), Tolerance.of(1e-5), 0.01)
                .compute(pts, null, Cancellation.NEVER);
        double sumDiff = 0;
        double maxDiff = 0;
        int n = 0;
        for (int i = 0; i < pts.size(); i++) {
            if (ours.correctionOk(i) && fd.correctionOk(i)) {
                double d = Math.abs(ours.correction()[i] - fd.correction()[i]);
                sumDiff += d;
                maxDiff = Math.max(maxDiff, d);
                n++;
            }
        }
        out.printf(Locale.ROOT, "Paper's finite-difference C (dx 0.01, inner tol 1e-5, outer tol %s) vs ours (adjoint, "
                + "exact jets, tol %s) on %s %s seed %d, %d held-out points:%n", shortTol(tol), shortTol(tol),
                data.name(), schedule.name(), model.card().seed(), pts.size());
        out.printf(Locale.ROOT, "  ours: %.2f s, %d network evaluations, -E[C] = %.4f%n", ours.seconds(),
                ours.memberEvaluations(), ours.summary().nllCorrection());
        out.printf(Locale.ROOT, "  finite differences: %.2f s, %d network evaluations, -E[C] = %.4f%n", fd.seconds(),
                fd.memberEvaluations(), fd.summary().nllCorrection());
        out.printf(Locale.ROOT, "  time ratio (paper / ours) %.1f; |C_fd - C_ours| mean %.4g, max %.4g over %d points "
                + "(%d failed)%n", fd.seconds() / Math.max(1e-9, ours.seconds()), n == 0 ? Double.NaN : sumDiff / n,
                maxDiff, n, pts.size() - n);
    }

    /** Mean ± sample standard deviation over seeds, printed as "m ± s" (just "m" for one seed). */
    private record Stats(double mean, double sd, int n) {

        static Stats of(List<ModelEvaluation> es, java.util.function.ToDoubleFunction<ModelEvaluation> f) {
            double sum = 0;
            int n = 0;
            for (ModelEvaluation e : es) {
                double v = f.applyAsDouble(e);
                if (Double.isFinite(v)) {
                    sum += v;
                    n++;
                }
            }
            double mean = n == 0 ? Double.NaN : sum / n;
            double ss = 0;
            for (ModelEvaluation e : es) {
                double v = f.applyAsDouble(e);
                if (Double.isFinite(v)) {
                    ss += (v - mean) * (v - mean);
                }
            }
            return new Stats(mean, n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1)), n);
        }

        @Override
        public String toString() {
            if (n == 0) {
                return "n/a";
            }
            // a mean carried by a few exploding points (|C| up to 1e130 on some models) in a readable width
            String f = Math.abs(mean) >= 1e4 || sd >= 1e4 ? "%.3g" : "%.3f";
            return n < 2 ? String.format(Locale.ROOT, f, mean) : String.format(Locale.ROOT, f + " ± " + f, mean, sd);
        }
    }
}
