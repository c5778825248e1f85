package org.diffusionplayground.model.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.metrics.SampleQuality;
import org.diffusionplayground.model.metrics.Wasserstein;
import org.diffusionplayground.model.ode.Tolerance;
import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.sampling.AdaptivePfOdeSampler;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.sampling.SampleResult;
import org.diffusionplayground.model.sampling.Sampler;
import org.diffusionplayground.model.sampling.StepObserver;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.ProgressListener;

/**
 * The sampler lab (docs/MATH.md §3.4): every sampler at every budget of score evaluations, all from the same
 * x_T with the same noise (step k draws stream k of one {@link CounterNormal}), measured against the data
 * (W2, MMD²) and, where the data's score is known exactly (the Gaussian mixtures), against the exact answer.
 * The exact score separates the two errors of a trained model: a sampler run with the exact score has only
 * its discretisation error, measured against a reference solve (𝔥 = 0: adaptive Dormand–Prince at tolerance
 * {@value #REFERENCE_TOLERANCE}, from the same x_T) or against the exact law p_{t_min} (𝔥 &gt; 0); the model's run
 * minus the exact score's run on the same grid and noise is the network's part.
 */
public final class SamplerLab {

    /** The reference solve's tolerance (rtol = atol); its error is checked at a hundredth of it. */
    public static final double REFERENCE_TOLERANCE = 1e-8;
    /** Particles on which the reference solve is repeated at a tighter tolerance. */
    static final int REFERENCE_CHECK_POINTS = 256;
    /** Fresh draws of the data whose mean distance to the reference is the floor. */
    static final int FLOOR_DRAWS = 3;

    private final Schedule schedule;
    private final ScoreModel model;
    private final MixtureScore exact;
    private final DataSet data;
    private final LabOptions options;

    /**
     * @param model the score the samplers run on: a network, or {@code exact} itself
     * @param exact the data's exact score, or null when the data has none
     */
    public SamplerLab(Schedule schedule, ScoreModel model, MixtureScore exact, DataSet data, LabOptions options) {
        if (schedule == null || model == null || data == null || options == null) {
            throw new IllegalArgumentException("the sampler lab needs a schedule, a model, data and options");
        }
        this.schedule = schedule;
        this.model = model;
        this.exact = exact;
        this.data = data;
        this.options = options;
    }

    /** Runs every sampler at every budget; samplers that cannot run at this 𝔥 are reported, not skipped silently. */
    public LabReport run(List<LabSampler> samplers, ProgressListener progress, Cancellation cancel) {
        long start = System.nanoTime();
        int n = options.particles();
        double h = options.h();
        boolean network = exact != null && model != exact;
        ReverseProcess modelProcess = new ReverseProcess(schedule, model, h);
        ReverseProcess exactProcess = exact == null ? null : new ReverseProcess(schedule, exact, h);
        double[] prior = new double[2 * n];
        Sampler.samplePrior(modelProcess, prior, n, new CounterNormal(options.seed()));

        PointSet reference = reference(options.comparedPoints());
        int m = reference.size();
        double bandwidth = SampleQuality.bandwidth(reference);
        double[] referenceEnd = null;
        double referenceError = Double.NaN;
        PointSet exactLaw = null;
        if (exact != null && h == 0) {
            progress.progress(0, "reference solve with the exact score");
            referenceEnd = referenceSolve(exactProcess, Arrays.copyOf(prior, 2 * m), m, REFERENCE_TOLERANCE, cancel);
            int k = Math.min(m, REFERENCE_CHECK_POINTS);
            double[] tighter = referenceSolve(exactProcess, Arrays.copyOf(prior, 2 * k), k, REFERENCE_TOLERANCE / 100,
                    cancel);
            referenceError = rms(tighter, referenceEnd, k);
        } else if (exact != null) {
            var law = exact.marginal(schedule.tMin());
            exactLaw = law.sample(m, new SplittableRandom(options.seed() + 7));
            referenceError = Wasserstein.exact(law.sample(m, new SplittableRandom(options.seed() + 8)), exactLaw);
        }

        int total = samplers.size() * options.budgets().length;
        List<Run> runs = new ArrayList<>();
        for (LabSampler s : samplers) {
            for (int budget : options.budgets()) {
                cancel.check();
                progress.progress(0.1 + 0.6 * runs.size() / total, s.name() + " at " + budget + " evaluations");
                runs.add(sample(s, budget, modelProcess, network ? exactProcess : null, prior, n, cancel));
            }
        }
        progress.progress(0.7, "W2 and MMD² of " + total + " runs");
        double[] finalReferenceEnd = referenceEnd;
        PointSet finalExactLaw = exactLaw;
        LabCell[] cells = new LabCell[runs.size()];
        // the exact assignments are single-threaded: spread the runs over the cores
        IntStream.range(0, runs.size()).parallel().forEach(i -> {
            cancel.check();
            cells[i] = measure(runs.get(i), reference, bandwidth, finalReferenceEnd, finalExactLaw, network, m);
        });
        SampleQuality.Floor floor = SampleQuality.iidFloor(data, reference, FLOOR_DRAWS, options.seed() + 100, bandwidth, cancel);
        progress.progress(1, "done");
        return new LabReport(Arrays.asList(cells), floor.w2Mean(), floor.mmd2Mean(), referenceError,
                exact == null ? "none (the data has no exact score)"
                        : h == 0 ? "RMS distance to the reference solve from the same x_T"
                                : "W2 to a draw of the exact law p_t_min",
                referenceEnd != null, network, (System.nanoTime() - start) / 1e9);
    }

    /** What one sampler at one budget produced, before it is measured. */
    private record Run(LabSampler sampler, int budget, SampleResult result, SampleResult exactResult, double seconds) {
    }

    private Run sample(LabSampler s, int budget, ReverseProcess modelProcess, ReverseProcess exactProcess,
            double[] prior, int n, Cancellation cancel) {
        long t0 = System.nanoTime();
        TimeGrid grid = TimeGrid.of(s.spacing(), schedule, s.stepsFor(budget));
        SampleResult r = s.sampler().sample(modelProcess, prior, n, grid, new CounterNormal(options.seed()),
                StepObserver.NONE, cancel);
        double seconds = (System.nanoTime() - t0) / 1e9;
        SampleResult e = exactProcess == null ? null : s.sampler().sample(exactProcess, prior, n, grid,
                new CounterNormal(options.seed()), StepObserver.NONE, cancel);
        return new Run(s, budget, r, e, seconds);
    }

    private LabCell measure(Run run, PointSet reference, double bandwidth, double[] referenceEnd, PointSet exactLaw,
            boolean network, int m) {
        SampleResult r = run.result();
        int n = options.particles();
        double[] xy = r.positions();
        boolean ok = r.failures() == 0;
        SampleQuality.Distances d = ok
                ? SampleQuality.Distances.between(PointSet.of(Arrays.copyOf(xy, 2 * m)), reference, bandwidth)
                : SampleQuality.Distances.NONE;
        SampleResult e = network ? run.exactResult() : r;
        double exactError = Double.NaN;
        if (e.failures() == 0 && referenceEnd != null) {
            exactError = rms(e.positions(), referenceEnd, m);
        } else if (e.failures() == 0 && exactLaw != null) {
            exactError = Wasserstein.exact(PointSet.of(Arrays.copyOf(e.positions(), 2 * m)), exactLaw);
        }
        double networkError = network && ok && e.failures() == 0 ? rms(xy, e.positions(), n) : Double.NaN;
        int nfe = (int) (r.scoreEvaluations() / n);
        return new LabCell(run.sampler(), run.budget(), r.steps(), nfe, r.failures(), d.w2(), d.mmd2(), exactError,
                networkError, run.seconds(), xy);
    }

    /** m points of the data to measure against: an i.i.d. draw of its law, or its own points when it has no generator. */
    private PointSet reference(int m) {
        return SampleQuality.reference(data, m, options.seed() + 1);
    }

    private static double[] referenceSolve(ReverseProcess exactProcess, double[] prior, int n, double tolerance,
            Cancellation cancel) {
        SampleResult r = new AdaptivePfOdeSampler(Tolerance.of(tolerance)).sample(exactProcess, prior, n,
                TimeGrid.uniform(exactProcess.schedule(), 1), new CounterNormal(0), StepObserver.NONE, cancel);
        if (r.failures() > 0) {
            throw new IllegalStateException("the reference solve failed for " + r.failures() + " particles");
        }
        return r.positions();
    }

    /** Root mean squared distance between the first k points of two clouds. */
    static double rms(double[] a, double[] b, int k) {
        double s = 0;
        for (int i = 0; i < 2 * k; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s / k);
    }
}
