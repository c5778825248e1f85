package org.diffusionplayground.bench;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.diffusionplayground.bench.BenchRow.PeerCell;
import org.diffusionplayground.bench.BenchRow.Verdict;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.likelihood.LikelihoodResult;
import org.diffusionplayground.model.reference.FokkerPlanckOptions;
import org.diffusionplayground.model.reference.FokkerPlanckResult;
import org.diffusionplayground.model.reference.FokkerPlanckSolver;
import org.diffusionplayground.model.reference.Region;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.train.Nd4jSetup;
import org.diffusionplayground.model.train.TrainingBenchmark;
import org.diffusionplayground.model.train.TrainingConfig;
import org.diffusionplayground.model.util.Cancellation;

/**
 * The benchmark suite of docs/benchmarks.md: every row of the table, each peer measured in the
 * same run as ours. Sections, in order: {@code training} (1), {@code network} (2), {@code sampler} (3),
 * {@code likelihood} (4), {@code fokker-planck} (5), {@code frames} (6).
 */
public final class BenchSuite {

    public static final Set<String> SECTIONS = Set.of("training", "network", "sampler", "likelihood", "fokker-planck",
            "frames");

    /** Size of the square sgemm whose speed is taken as the machine's peak FLOP rate. */
    public static final int PEAK_MATMUL = 2048;

    /** Frame size of the scene row: a 1600×900 scene pane (a 1080p window minus the side panel). */
    public static final int FRAME_WIDTH = 1600;
    public static final int FRAME_HEIGHT = 900;

    private final BenchOptions options;
    private final Consumer<String> log;
    private final List<BenchRow> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private double peakGflops;
    private BenchModel model;
    private Peers.Found<LibtorchPeer> torch;

    public BenchSuite(BenchOptions options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    /** Runs the selected sections and returns the report; {@code command} is quoted in it. */
    public BenchReport run(String command) {
        long start = System.nanoTime();
        MachineInfo machine = MachineInfo.probe();
        String date = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT));
        Nd4jSetup.ensure();
        log.accept("peak: " + PEAK_MATMUL + "³ sgemm");
        peakGflops = TrainingBenchmark.matmulPeak(PEAK_MATMUL, options.quick() ? 1 : 5);
        if (options.runs("training") || options.runs("network")) {
            log.accept("opening the libtorch peer");
            torch = Peers.libtorch();
        }
        try {
            if (options.runs("training")) {
                training();
            }
            if (needsModel()) {
                model = BenchModel.load();
                log.accept("model: " + model.describe());
            }
            if (options.runs("network")) {
                network();
            }
            if (options.runs("sampler")) {
                sampler();
            }
            if (options.runs("likelihood")) {
                likelihood();
            }
            if (options.runs("fokker-planck")) {
                fokkerPlanck();
            }
            if (options.runs("frames")) {
                frames();
            }
        } finally {
            if (torch != null) {
                torch.peer().ifPresent(LibtorchPeer::close);
            }
        }
        double peakAfter = TrainingBenchmark.matmulPeak(PEAK_MATMUL, options.quick() ? 1 : 3);
        String peak = String.format(Locale.ROOT, "Peak FLOP rate (best %d³ float sgemm through the same OpenBLAS, "
                + "used for every %% of peak): %.0f GFLOP/s at the start of the run; %.0f again at its end.",
                PEAK_MATMUL, peakGflops, peakAfter);
        String settings = String.format(Locale.ROOT, "%d cores, OpenBLAS threads %d, fork-join parallelism %d",
                MachineInfo.cores(), Nd4jSetup.blasThreads(), java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1);
        return new BenchReport(machine, MachineInfo.loadAverage(), command, date, (System.nanoTime() - start) / 1e9,
                settings, peak, rows, notes, options.quick());
    }

    private boolean needsModel() {
        return options.runs("network") || options.runs("sampler") || options.runs("likelihood")
                || options.runs("frames") || options.runs("fokker-planck");
    }

    // ---- 1. training -----------------------------------------------------------------------

    private void training() {
        TrainingConfig cfg = BenchModel.trainingConfig().withSteps(TrainingConfig.MAX_STEPS);
        PointSet data = BenchModel.load().data().points();
        Mlp start = Mlp.initialise(cfg.network(), cfg.seed());
        double flops = TrainingBenchmark.flopsPerStep(cfg.network(), cfg.batchSize());
        int warmup = options.quick() ? 2 : 200;
        log.accept("training: our DSM step");
        List<TrainingBenchmark.Repeat> repeats = new ArrayList<>();
        Map<String, Stopwatch.Repeat> peers = new LinkedHashMap<>();
        List<AutoCloseable> open = new ArrayList<>();
        try (TrainingBenchmark.Session ours = new TrainingBenchmark.Session(cfg, data)) {
            ours.warmup(warmup);
            LibtorchPeer.TrainingStep torchStep = null;
            if (torch.peer().isPresent()) {
                log.accept("training: libtorch DSM step");
                LibtorchPeer.TrainingStep w = torch.peer().get().trainingStep(cfg, data, start);
                torchStep = w;
                open.add(w);
                for (int i = 0; i < warmup; i++) {
                    w.run();
                }
                peers.put("libtorch", Stopwatch.repeat(w, options.trainSteps()));
            }
            log.accept("training: plain-Java DSM step");
            Workload plain = Workloads.plainJavaStep(cfg, data, start);
            plain.run();
            peers.put("plain Java", Stopwatch.repeat(plain, options.plainSteps()));
            log.accept("training: " + options.rounds() + " rounds");
            Comparison c = Comparison.run(() -> Stopwatch.measure(() -> repeats.add(ours.repeat(options.trainSteps())),
                    options.trainSteps()), peers, options.rounds());
            Range stepsPerSecond = c.ours().wall().map(ms -> 1000 / ms);
            Range gflops = stepsPerSecond.map(s -> s * flops / 1e9);
            List<PeerCell> cells = new ArrayList<>();
            cells.add(torchCell(c));
            cells.add(new PeerCell("plain Java floor (1 thread, no BLAS)", ratio(c.peers().get("plain Java"))));
            boolean met = c.peers().containsKey("libtorch") && c.peers().get("libtorch").ratio().median() >= 1.0;
            rows.add(new BenchRow("1", String.format(Locale.ROOT, "DSM training step, batch %d, %s",
                    cfg.batchSize(), describe(cfg.network())),
                    stepsPerSecond.format("%.0f") + " steps/s; " + gflops.format("%.0f") + " GFLOP/s; "
                            + percentOfPeak(gflops.median()) + "; " + cpu(c.ours()),
                    "≥ 1.0× libtorch", c.peers().containsKey("libtorch") ? Verdict.of(met) : Verdict.NONE, cells));
            TrainingBenchmark.Repeat best = repeats.stream()
                    .max(java.util.Comparator.comparingDouble(TrainingBenchmark.Repeat::stepsPerSecond)).orElseThrow();
            TrainingBenchmark.Phases p = best.phases();
            notes.add(String.format(Locale.ROOT, "Row 1: %.1f MFLOP of matrix products per step; fastest repeat, ms per "
                    + "step: data %.3f, forward %.3f, loss %.3f, backward %.3f, clip + Adam + EMA %.3f, of which "
                    + "sgemm %.3f (%.0f GFLOP/s inside sgemm). Steps per repeat: %d (ours, libtorch), %d (plain Java).",
                    flops / 1e6, p.data(), p.forward(), p.loss(), p.backward(), p.update(), p.gemm(), best.gflops(),
                    options.trainSteps(), options.plainSteps()));
            if (torchStep != null) {
                notes.add(String.format(Locale.ROOT, "Row 1: both train: batch loss of the last timed step %.3f (ours) "
                        + "and %.3f (libtorch), from the same initial weights after the same number of steps (their "
                        + "random draws differ; the ε-MSE of the initial network is ≈ 1).", ours.lastLoss(),
                        torchStep.lastLoss()));
            }
        } finally {
            closeAll(open);
        }
    }

    // ---- 2. network forward and jets ------------------------------------------------------------

    private void network() {
        NetworkScore net = model.score();
        Mlp mlp = model.mlp();
        int n = options.points();
        log.accept("network: forward of " + n + " points");
        Workload ours = Workloads.forward(net, n);
        for (int i = 0; i < (options.quick() ? 2 : 200); i++) {
            ours.run();
        }
        Map<String, Stopwatch.Repeat> peers = new LinkedHashMap<>();
        List<AutoCloseable> open = new ArrayList<>();
        try {
            if (torch.peer().isPresent()) {
                float[] input = Workloads.networkInput(mlp, n);
                float[] out = new float[2 * n];
                Workload t = torch.peer().get().forward(mlp, input, n, out);
                open.add(t);
                t.run();
                notes.add("Row 2: libtorch's forward output equals ours to " + crossCheck(net, n, out)
                        + " (largest difference relative to the largest score; float32 sums in another order).");
                for (int i = 0; i < (options.quick() ? 1 : 30); i++) {
                    t.run();
                }
                peers.put("libtorch", Stopwatch.repeat(t, options.quick() ? 1 : 10));
            }
            Comparison c = Comparison.run(Stopwatch.repeat(ours, options.quick() ? 1 : 20), peers, options.rounds());
            double flops = forwardFlops(mlp.spec(), true) * n;
            Range us = c.ours().wall().map(ms -> ms * 1000);
            Range gflops = c.ours().wall().map(ms -> flops / ms / 1e6);
            rows.add(new BenchRow("2", String.format(Locale.ROOT, "network forward, %,d points at one t (the sampler's call)", n),
                    us.format("%.0f") + " µs; " + gflops.format("%.0f") + " GFLOP/s; " + percentOfPeak(gflops.median())
                            + "; " + cpu(c.ours()),
                    "≤ 2 ms", Verdict.of(c.ours().wall().median() <= 2.0), List.of(torchCell(c))));
            notes.add(String.format(Locale.ROOT, "Row 2: the forward at one t costs %.1f MFLOP (%.0f kFLOP per point: the "
                    + "time features enter as one offset of the first layer); at this run's peak FLOP rate it would "
                    + "take %.0f µs. libtorch is given the full input rows (x, y, 32 time features), as a PyTorch user "
                    + "would, built once outside the timed loop.", flops / 1e6, flops / n / 1e3,
                    flops / peakGflops / 1e3));
        } finally {
            closeAll(open);
        }
        Stopwatch.Timing perPoint = Stopwatch.time(Workloads.forwardPerPointTime(net, n), options.quick() ? 1 : 50,
                options.rounds(), options.quick() ? 1 : 20);
        rows.add(BenchRow.plain("2", String.format(Locale.ROOT, "network forward, %,d points, one t per point", n),
                perPoint.wall().map(ms -> ms * 1000).format("%.0f") + " µs; " + cpu(perPoint)));
        int m = options.jetPoints();
        log.accept("network: third-order jets of " + m + " points");
        Stopwatch.Timing jets = Stopwatch.time(Workloads.jets(net, m, 3), options.quick() ? 1 : 20, options.rounds(),
                options.quick() ? 1 : 10);
        rows.add(BenchRow.plain("2", String.format(Locale.ROOT, "forward with third-order jets, %,d points (double)", m),
                jets.wall().map(ms -> ms * 1000).format("%.0f") + " µs; " + cpu(jets)));
    }

    /** Largest |ours − libtorch| over all score components, relative to the largest |score|. */
    private static String crossCheck(NetworkScore net, int n, float[] torchOut) {
        double[] xy = Workloads.priorPoints(n, 1);
        double[] s = new double[2 * n];
        net.score(Workloads.MID_TIME, xy, n, s);
        double a = net.mlp().spec().target().outputScale(net.schedule(), Workloads.MID_TIME);
        double b = net.mlp().spec().target().inputScale(net.schedule(), Workloads.MID_TIME);
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < 2 * n; i++) {
            double theirs = a * torchOut[i] + b * xy[i];
            worst = Math.max(worst, Math.abs(theirs - s[i]));
            scale = Math.max(scale, Math.abs(s[i]));
        }
        return String.format(Locale.ROOT, "%.1e", worst / scale);
    }

    /** FLOPs of one forward of one point: 2·fanIn·fanOut per layer (the time columns skipped when shared). */
    public static double forwardFlops(MlpSpec spec, boolean sharedTime) {
        double f = 0;
        for (int l = 0; l < spec.layers(); l++) {
            int in = l == 0 && sharedTime ? 2 : spec.fanIn(l);
            f += 2.0 * in * spec.fanOut(l);
        }
        return f;
    }

    // ---- 3. sampler ------------------------------------------------------------------------------

    private void sampler() {
        NetworkScore net = model.score();
        ReverseProcess process = new ReverseProcess(model.schedule(), net, 1.0);
        int n = options.points();
        log.accept("sampler: Euler–Maruyama step of " + n + " particles");
        Stopwatch.Timing step = Stopwatch.time(Workloads.samplerStep(process, n, 500), options.quick() ? 1 : 100,
                options.rounds(), options.quick() ? 1 : 25);
        rows.add(new BenchRow("3", String.format(Locale.ROOT, "𝔥-sampler step (Euler–Maruyama, 𝔥 = 1), %,d particles", n),
                step.wall().format("%.2f") + " ms; " + cpu(step), "≤ 5 ms", Verdict.of(step.wall().median() <= 5.0),
                List.of()));
        log.accept("sampler: full sample, " + options.sampleSteps() + " steps");
        Stopwatch.Timing full = Stopwatch.time(Workloads.fullSample(process, n, options.sampleSteps()), 0,
                options.quick() ? 1 : 3, 1);
        rows.add(BenchRow.plain("3", String.format(Locale.ROOT, "full 𝔥 = 1 sample, %,d particles × %d steps", n,
                options.sampleSteps()), full.wall().map(ms -> ms / 1000).format("%.2f") + " s; CPU "
                        + full.cpu().map(ms -> ms / 1000).format("%.2f") + " s"));
    }

    // ---- 4. likelihood ---------------------------------------------------------------------------

    private void likelihood() {
        NetworkScore net = model.score();
        int n = options.likelihoodPoints();
        PointSet points = model.data().heldOut(n, 5);
        // JIT warm-up on a few points, so the first timed repeat is not the compilation
        Workloads.likelihood(net, points.slice(0, Math.min(n, 20)), 1e-3, true).run();
        for (double tol : new double[] {1e-3, 1e-5}) {
            log.accept(String.format(Locale.ROOT, "likelihood: NLL + WKB correction of %d points at tol %.0e", n, tol));
            Workloads.Likelihood w = Workloads.likelihood(net, points, tol, true);
            Stopwatch.Timing timing = Stopwatch.time(w, 0, options.likelihoodRounds(), 1);
            Range s = timing.wall().map(ms -> ms / 1000);
            LikelihoodResult r = w.last();
            LikelihoodResult.Summary sum = r.summary();
            boolean strict = tol == 1e-5;
            rows.add(new BenchRow("4", String.format(Locale.ROOT, "PF-ODE NLL + WKB correction, %,d points, tol %.0e", n, tol),
                    String.format(Locale.ROOT, "%s s; CPU %s s; %,d network evaluations (points × stages)",
                            s.format("%.2f"), timing.cpu().map(ms -> ms / 1000).format("%.1f"), r.memberEvaluations()),
                    strict ? "≤ 10 s" : "", strict ? Verdict.of(s.median() <= 10.0) : Verdict.NONE, List.of()));
            notes.add(String.format(Locale.ROOT, "Row 4, tol %.0e: mean NLL %.4f ± %.4f nats, first-order correction "
                    + "to the NLL −E[C] = %.4f ± %.4f, %d failed points (model %s).", tol,
                    sum.meanNll(), sum.seNll(), sum.nllCorrection(), sum.seCorrection(), sum.failed(),
                    model.describe()));
        }
        for (double tol : new double[] {1e-3, 1e-5}) {
            log.accept(String.format(Locale.ROOT, "likelihood: NLL only, ensemble vs Hipparchus per point, tol %.0e", tol));
            Workloads.Likelihood ours = Workloads.likelihood(net, points, tol, false);
            Workloads.Likelihood peer = Workloads.hipparchusLikelihood(net, points, tol);
            Comparison c = Comparison.run(Stopwatch.repeat(ours, 1), Map.of("Hipparchus", Stopwatch.repeat(peer, 1)),
                    options.likelihoodRounds());
            Comparison.Peer p = c.peers().get("Hipparchus");
            rows.add(new BenchRow("4", String.format(Locale.ROOT, "PF-ODE NLL only, %,d points, tol %.0e", n, tol),
                    String.format(Locale.ROOT, "%s s; CPU %s s; %,d evaluations",
                            c.ours().wall().map(ms -> ms / 1000).format("%.2f"),
                            c.ours().cpu().map(ms -> ms / 1000).format("%.1f"), ours.last().memberEvaluations()), "",
                    Verdict.NONE, List.of(new PeerCell(String.format(Locale.ROOT, "Hipparchus DormandPrince54 per "
                            + "point (%s s; %,d evaluations)", p.time().wall().map(ms -> ms / 1000).format("%.2f"),
                            peer.last().memberEvaluations()), ratio(p)))));
            double diff = Math.abs(ours.last().summary().meanNll() - peer.last().summary().meanNll());
            notes.add(String.format(Locale.ROOT, "Row 4, tol %.0e: the mean NLL of the ensemble solver and of "
                    + "Hipparchus differ by %.1e nats (tolerance-level: different step sequences).", tol, diff));
        }
    }

    // ---- 5. Fokker–Planck ------------------------------------------------------------------------

    private void fokkerPlanck() {
        int cells = options.quick() ? 64 : 256;
        FokkerPlanckOptions grid = FokkerPlanckOptions.defaults().withCells(cells, cells);
        FokkerPlanckSolver solver = new FokkerPlanckSolver(model.schedule(), model.score(), grid);
        PointSet points = model.data().heldOut(options.likelihoodPoints(), 5);
        Region box = Region.around(model.data().points(), 0.05);
        FokkerPlanckResult[] last = new FokkerPlanckResult[1];
        log.accept("fokker-planck: grid solve at " + cells + "², 𝔥 = 1");
        Stopwatch.Timing t = Stopwatch.time(() -> last[0] = solver.solve(box, new double[] {1.0}, points, 0, null,
                Cancellation.NEVER), 0, options.likelihoodRounds(), 1);
        FokkerPlanckResult r = last[0];
        FokkerPlanckResult.Marginal m = r.marginal(1.0);
        rows.add(BenchRow.plain("5", String.format(Locale.ROOT, "Fokker–Planck grid solve for one 𝔥 (𝔥 = 1), %d² cells",
                cells), String.format(Locale.ROOT, "%s s; CPU %s s; %d macro steps (one score evaluation of the %,d "
                + "cells each), %,d advection substeps", t.wall().map(ms -> ms / 1000).format("%.2f"),
                t.cpu().map(ms -> ms / 1000).format("%.1f"), r.macroSteps(), cells * cells, m.substeps())));
        notes.add(String.format(Locale.ROOT, "Row 5: the solver's defaults (λ step %.2f, Courant %.1f, domain = data "
                + "box + %.0f σ_t) with refinement off, %d² cells throughout; exact NLL at 𝔥 = 1 from the grid "
                + "%.4f ± %.4f nats over %d of %d held-out points, mass error %.1e.", grid.logSnrStep(),
                grid.courant(), grid.tailSigmas(), cells, m.meanNll(), m.seNll(), m.count(), points.size(),
                m.massError()));
    }

    // ---- 6. frames -------------------------------------------------------------------------------

    private void frames() {
        int n = options.points();
        log.accept("frames: running scene with " + n + " particles");
        try (RunningScene frames = new RunningScene(model.score(), model.data(), n, 1.0, FRAME_WIDTH, FRAME_HEIGHT, 600)) {
            // a frame runs on one thread (the FX thread in the app): its own CPU time is the frame's work
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpu0 = threads.getCurrentThreadCpuTime();
            double[] ms = Stopwatch.eachRun(frames, options.quick() ? 2 : 120, options.frames());
            double cpuPerFrame = cpu0 < 0 ? Double.NaN
                    : (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / (options.frames() + (options.quick() ? 2 : 120));
            double p50 = Stopwatch.percentile(ms, 0.5);
            double p95 = Stopwatch.percentile(ms, 0.95);
            double max = Stopwatch.percentile(ms, 1.0);
            rows.add(new BenchRow("6", String.format(Locale.ROOT, "frame of the running scene, %,d particles, %d×%d, "
                    + "off-screen (view-model + renderer)", frames.particlesShown(), FRAME_WIDTH, FRAME_HEIGHT),
                    String.format(Locale.ROOT, "p50 %.2f ms, p95 %.2f ms, max %.2f ms over %d frames; CPU %.2f ms per "
                            + "frame (its thread)", p50, p95, max, ms.length, cpuPerFrame),
                    "60 fps: p95 ≤ 16.7 ms", Verdict.of(p95 <= 1000.0 / 60), List.of()));
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private PeerCell torchCell(Comparison c) {
        Comparison.Peer p = c.peers().get("libtorch");
        if (p == null) {
            return new PeerCell("libtorch: " + torch.reason(), "—");
        }
        return new PeerCell(torch.peer().orElseThrow().describe(), ratio(p));
    }

    /** "1.31 (1.20–1.45)×; CPU 1.10×": wall-clock speed ratio with its range, and the CPU-time ratio. */
    private static String ratio(Comparison.Peer p) {
        String cpu = Double.isNaN(p.cpuRatio().median()) ? "" : String.format(Locale.ROOT, "; CPU %.2f×",
                p.cpuRatio().median());
        return p.ratio().format("%.2f") + "×" + cpu;
    }

    /** "CPU 6.8 ms" (process CPU time per operation, all threads; median), or "" if unknown. */
    private static String cpu(Stopwatch.Timing t) {
        double ms = t.cpu().median();
        if (Double.isNaN(ms)) {
            return "";
        }
        return ms >= 100 ? String.format(Locale.ROOT, "CPU %.0f ms", ms) : String.format(Locale.ROOT, "CPU %.2f ms", ms);
    }

    private static String describe(MlpSpec s) {
        String act = switch (s.activation()) {
            case SILU -> "SiLU";
            case SOFTPLUS -> "softplus";
            case TANH -> "tanh";
        };
        String features = s.embedding().kind() == org.diffusionplayground.model.score.TimeEmbedding.Kind.RAW ? "raw t"
                : "sinusoidal(" + s.embedding().dim() + ") time features";
        return String.format(Locale.ROOT, "%d→%d×%d→2 %s, %s, %s target", s.inputDim(), s.depth(), s.width(), act,
                features, s.target().name().toLowerCase(Locale.ROOT));
    }

    private static void closeAll(List<AutoCloseable> open) {
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                // a peer failing to free memory does not change the figures
            }
        }
    }

    private String percentOfPeak(double gflops) {
        return String.format(Locale.ROOT, "%.0f %% of peak", 100 * gflops / peakGflops);
    }
}
