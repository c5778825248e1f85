package org.diffusionplayground.bench;

import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.likelihood.HipparchusLikelihood;
import org.diffusionplayground.model.likelihood.LikelihoodOptions;
import org.diffusionplayground.model.likelihood.LikelihoodResult;
import org.diffusionplayground.model.likelihood.WkbLikelihood;
import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.sampling.EulerMaruyama;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.sampling.Sampler;
import org.diffusionplayground.model.sampling.StepObserver;
import org.diffusionplayground.model.sampling.StepWork;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.score.ScoreJets;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.diffusionplayground.model.train.PlainJavaTrainer;
import org.diffusionplayground.model.train.TrainingConfig;
import org.diffusionplayground.model.util.Cancellation;

/**
 * The workloads of the suite, made once here and timed by both the CLI {@code bench} ({@link BenchSuite})
 * and the JMH benchmarks of the {@code bench} profile. Each calls the app's own code path: the network
 * forward the sampler uses, the 𝔥 sampler's Euler–Maruyama step, the likelihood the GUI and the CLI run.
 */
public final class Workloads {

    /** The time at which single-time forwards are measured: the middle of the SIMPLE schedule. */
    public static final double MID_TIME = 0.5;

    private Workloads() {
    }

    /** n points from N(0, I) (the prior of the VP schedules): where a sampler's particles start. */
    public static double[] priorPoints(int n, long seed) {
        double[] xy = new double[2 * n];
        new CounterNormal(seed).fill(0, xy, n);
        return xy;
    }

    /** s_θ(x_i, t) at n points sharing one t: the sampler's and the animation's call. */
    public static Workload forward(NetworkScore net, int n) {
        double[] xy = priorPoints(n, 1);
        double[] out = new double[2 * n];
        return () -> net.score(MID_TIME, xy, n, out);
    }

    /** s_θ(x_i, t_i), one time per point: the adaptive ODE solvers' call. */
    public static Workload forwardPerPointTime(NetworkScore net, int n) {
        double[] xy = priorPoints(n, 2);
        double[] t = perPointTimes(net.schedule(), n);
        double[] out = new double[2 * n];
        return () -> net.score(t, xy, n, out);
    }

    /** Value and x-derivatives up to {@code order} at n points with their own times (the WKB pass). */
    public static Workload jets(NetworkScore net, int n, int order) {
        double[] xy = priorPoints(n, 3);
        double[] t = perPointTimes(net.schedule(), n);
        ScoreJets jets = new ScoreJets(n);
        return () -> net.jets(t, xy, n, order, jets);
    }

    private static double[] perPointTimes(Schedule s, int n) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = s.tMin() + (s.tMax() - s.tMin()) * (i + 0.5) / n;
        }
        return t;
    }

    /**
     * One Euler–Maruyama step of the 𝔥-sampler for n particles; consecutive runs walk down a grid of
     * {@code steps} steps from the prior and start over at its end, as the sampler's own loop does.
     */
    public static Workload samplerStep(ReverseProcess process, int n, int steps) {
        TimeGrid grid = TimeGrid.uniform(process.schedule(), steps);
        CounterNormal noise = new CounterNormal(7);
        double[] start = new double[2 * n];
        Sampler.samplePrior(process, start, n, noise);
        double[] xy = start.clone();
        EulerMaruyama sampler = new EulerMaruyama();
        StepWork work = new StepWork(n);
        int[] k = {0};
        return () -> {
            if (k[0] == steps) {
                System.arraycopy(start, 0, xy, 0, xy.length);
                k[0] = 0;
            }
            sampler.step(process, xy, n, grid.time(k[0]), grid.time(k[0] + 1), noise, k[0], work);
            k[0]++;
        };
    }

    /** A whole sample: n particles from the prior down the grid of {@code steps} Euler–Maruyama steps. */
    public static Workload fullSample(ReverseProcess process, int n, int steps) {
        TimeGrid grid = TimeGrid.uniform(process.schedule(), steps);
        double[] xy = new double[2 * n];
        long[] seed = {1};
        return () -> {
            CounterNormal noise = new CounterNormal(seed[0]++);
            Sampler.samplePrior(process, xy, n, noise);
            new EulerMaruyama().sample(process, xy, n, grid, noise, StepObserver.NONE, Cancellation.NEVER);
        };
    }

    /** A likelihood computation whose last result (evaluations, failures) the caller can read. */
    public static final class Likelihood implements Workload {
        private final java.util.function.Supplier<LikelihoodResult> body;
        private LikelihoodResult last;

        Likelihood(java.util.function.Supplier<LikelihoodResult> body) {
            this.body = body;
        }

        @Override
        public void run() {
            last = body.get();
        }

        public LikelihoodResult last() {
            return last;
        }
    }

    /** PF-ODE log-likelihood and, if asked, the WKB correction (adjoint form) of the points. */
    public static Likelihood likelihood(NetworkScore net, PointSet points, double tol, boolean correction) {
        WkbLikelihood wkb = new WkbLikelihood(net.schedule(), net, LikelihoodOptions.of(tol));
        return new Likelihood(() -> correction ? wkb.withCorrection(points, null, Cancellation.NEVER)
                : wkb.logLikelihood(points, null, Cancellation.NEVER));
    }

    /** The PF-ODE log-likelihood point by point with Hipparchus's DormandPrince54 (the library peer). */
    public static Likelihood hipparchusLikelihood(NetworkScore net, PointSet points, double tol) {
        HipparchusLikelihood h = new HipparchusLikelihood(net.schedule(), net, LikelihoodOptions.of(tol));
        return new Likelihood(() -> h.logLikelihood(points, Cancellation.NEVER));
    }

    /** One step of the plain-Java floor trainer. */
    public static Workload plainJavaStep(TrainingConfig config, PointSet data, Mlp start) {
        PlainJavaTrainer trainer = new PlainJavaTrainer(config, data, start);
        return trainer::trainStep;
    }

    /**
     * The network input rows of the forward comparison with libtorch: (x, y, features of t) for the
     * points of {@link #forward} at {@link #MID_TIME}, as a PyTorch user would feed them.
     */
    public static float[] networkInput(Mlp mlp, int n) {
        double[] xy = priorPoints(n, 1);
        TimeEmbedding emb = mlp.spec().embedding();
        int in = mlp.spec().inputDim();
        double[] features = new double[emb.dim()];
        emb.features(MID_TIME, features, 0);
        float[] input = new float[n * in];
        for (int i = 0; i < n; i++) {
            input[i * in] = (float) xy[2 * i];
            input[i * in + 1] = (float) xy[2 * i + 1];
            for (int e = 0; e < features.length; e++) {
                input[i * in + 2 + e] = (float) features[e];
            }
        }
        return input;
    }
}
