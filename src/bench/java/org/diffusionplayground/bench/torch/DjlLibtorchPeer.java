package org.diffusionplayground.bench.torch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.diffusionplayground.bench.LibtorchPeer;
import org.diffusionplayground.bench.Workload;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.score.Activation;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.Target;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.diffusionplayground.model.train.Batching;
import org.diffusionplayground.model.train.TimeSampling;
import org.diffusionplayground.model.train.TrainingConfig;
import org.diffusionplayground.model.train.Weighting;

/**
 * The libtorch peer through DJL's PyTorch engine (CPU), written the way a PyTorch user writes it: the
 * network as Linear layers with SiLU, the batch drawn with torch's own random ops, autograd for the
 * backward pass, libtorch's fused Adam kernel. Nothing is downloaded at run time ({@code ai.djl.offline}):
 * libtorch comes from the pytorch-native-cpu jar of the bench build, unpacked once under ~/.djl.ai.
 *
 * <p>Known handicaps, stated in docs/benchmarks.md: DJL 0.30's NDArray API has no fused SiLU, so the
 * activation is x·σ(x) (two libtorch ops where torch.nn.SiLU is one), and every op crosses JNI (a few µs).
 */
public final class DjlLibtorchPeer implements LibtorchPeer {

    /** Registered in META-INF/services; opening loads libtorch. */
    public static final class Provider implements LibtorchPeer.Provider {
        @Override
        public LibtorchPeer open() {
            int cores = Runtime.getRuntime().availableProcessors();
            setDefault("ai.djl.offline", "true");
            // the same two cores ours uses: intra-op threads = cores, no separate inter-op pool
            setDefault("ai.djl.pytorch.num_threads", Integer.toString(cores));
            setDefault("ai.djl.pytorch.num_interop_threads", "1");
            Engine engine = Engine.getEngine("PyTorch");
            return new DjlLibtorchPeer(engine);
        }

        private static void setDefault(String key, String value) {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        }
    }

    private final Engine engine;
    private final NDManager manager;

    private DjlLibtorchPeer(Engine engine) {
        this.engine = engine;
        this.manager = NDManager.newBaseManager(engine.defaultDevice(), engine.getEngineName());
        engine.setRandomSeed(0);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "libtorch %s (DJL %s, CPU, %d threads)", engine.getVersion(),
                Engine.getDjlVersion(), JniUtils.getNumThreads());
    }

    /** x ↦ x·σ(x): the network's activation in libtorch ops. */
    private static NDArray silu(NDArray x) {
        return x.mul(x.getNDArrayInternal().sigmoid());
    }

    /** The MLP of {@code mlp} as Linear/SiLU blocks carrying its weights (PyTorch's W[out][in] layout). */
    private SequentialBlock network(Mlp mlp, NDManager owner) {
        MlpSpec spec = mlp.spec();
        if (spec.activation() != Activation.SILU) {
            throw new IllegalArgumentException("the libtorch peer implements SiLU networks only");
        }
        SequentialBlock block = new SequentialBlock();
        for (int l = 0; l < spec.layers(); l++) {
            block.add(Linear.builder().setUnits(spec.fanOut(l)).build());
            if (l < spec.depth()) {
                block.addSingleton(DjlLibtorchPeer::silu, "silu");
            }
        }
        block.initialize(owner, DataType.FLOAT32, new Shape(1, spec.inputDim()));
        int layer = 0;
        for (Parameter p : block.getParameters().values()) {
            boolean weight = p.getType() == Parameter.Type.WEIGHT;
            float[] values = weight ? mlp.weight(layer) : mlp.bias(layer);
            if (values.length != p.getShape().size()) {
                throw new IllegalStateException("layer " + layer + " " + p.getName() + " has shape " + p.getShape());
            }
            p.getArray().set(values);
            if (!weight) {
                layer++;
            }
        }
        return block;
    }

    @Override
    public Workload forward(Mlp mlp, float[] input, int n, float[] out) {
        NDManager owner = manager.newSubManager();
        SequentialBlock block = network(mlp, owner);
        ParameterStore store = new ParameterStore(owner, false);
        NDArray x = owner.create(input, new Shape(n, mlp.spec().inputDim()));
        return new Workload() {
            @Override
            public void run() {
                try (NDManager call = owner.newSubManager()) {
                    x.tempAttach(call); // intermediates belong to the input's manager: free them per call
                    NDArray y = block.forward(store, new NDList(x), false).singletonOrThrow();
                    System.arraycopy(y.toFloatArray(), 0, out, 0, 2 * n);
                }
            }

            @Override
            public void close() {
                owner.close();
            }
        };
    }

    @Override
    public LibtorchPeer.TrainingStep trainingStep(TrainingConfig config, PointSet data, Mlp start) {
        MlpSpec spec = config.network();
        boolean appDefault = config.schedule().kind() == ScheduleKind.SIMPLE && spec.target() == Target.EPSILON
                && config.weighting() == Weighting.SIGMA2 && config.timeSampling() == TimeSampling.UNIFORM
                && config.batching() == Batching.WITH_REPLACEMENT
                && spec.embedding().kind() == TimeEmbedding.Kind.SINUSOIDAL;
        if (!appDefault) {
            throw new IllegalArgumentException("the libtorch peer implements the app's default step only "
                    + "(SIMPLE, ε target, σ² weighting, uniform t, sinusoidal features, batches with replacement)");
        }
        return new TrainingStep(config, data, start);
    }

    /**
     * The DSM step of the app's default configuration. With ε-prediction and λ = σ² the weight
     * λ·a(t)² is 1, so the loss is the plain mean squared error ‖ε̂ − ε‖² over the batch and both
     * coordinates; SIMPLE has α = exp(−5t²), σ² = 1 − exp(−10t²) (MATH.md §1).
     */
    private final class TrainingStep implements LibtorchPeer.TrainingStep {
        private final TrainingConfig config;
        private final NDManager owner = manager.newSubManager();
        private final SequentialBlock block;
        private final ParameterStore store;
        private final NDArray points;
        private final NDArray frequencies;
        private final List<Parameter> parameters = new ArrayList<>();
        private final List<NDArray> ema = new ArrayList<>();
        private final Optimizer adam;
        private final int batch;
        private final int dataSize;
        private double lastLoss = Double.NaN;

        TrainingStep(TrainingConfig config, PointSet data, Mlp start) {
            this.config = config;
            this.block = network(start, owner);
            this.store = new ParameterStore(owner, false);
            this.batch = config.batchSize();
            this.dataSize = data.size();
            float[] xy = new float[2 * dataSize];
            for (int i = 0; i < dataSize; i++) {
                xy[2 * i] = (float) data.x(i);
                xy[2 * i + 1] = (float) data.y(i);
            }
            points = owner.create(xy, new Shape(dataSize, 2));
            int half = config.network().embedding().dim() / 2;
            float[] w = new float[half];
            for (int k = 0; k < half; k++) {
                w[k] = (float) (1000 * Math.exp(-Math.log(10000.0) * k / half));
            }
            frequencies = owner.create(w, new Shape(1, half));
            for (Parameter p : block.getParameters().values()) {
                parameters.add(p);
                ema.add(p.getArray().duplicate());
            }
            adam = Adam.builder().optLearningRateTracker(Tracker.fixed((float) config.learningRate()))
                    .optBeta1((float) config.beta1()).optBeta2((float) config.beta2())
                    .optEpsilon((float) config.adamEps()).build();
        }

        @Override
        public void run() {
            float tMin = (float) config.schedule().build().tMin();
            float tMax = (float) config.schedule().build().tMax();
            try (NDManager step = owner.newSubManager()) {
                NDArray index = step.randomInteger(0, dataSize, new Shape(batch), DataType.INT64);
                NDArray x0 = points.get(index);
                x0.attach(step);
                NDArray t = step.randomUniform(tMin, tMax, new Shape(batch, 1));
                NDArray eps = step.randomNormal(new Shape(batch, 2));
                NDArray t2 = t.square();
                NDArray alpha = t2.mul(-5f).exp();
                NDArray sigma = t2.mul(-10f).exp().neg().add(1f).sqrt();
                NDArray xt = x0.mul(alpha).add(eps.mul(sigma));
                NDArray phase = t.mul(frequencies);
                NDArray input = NDArrays.concat(new NDList(xt, phase.sin(), phase.cos()), 1);
                float loss;
                try (GradientCollector tape = engine.newGradientCollector()) {
                    NDArray out = block.forward(store, new NDList(input), true).singletonOrThrow();
                    NDArray l = out.sub(eps).square().mean();
                    tape.backward(l);
                    loss = l.getFloat();
                }
                lastLoss = loss;
                if (!Float.isFinite(loss)) {
                    throw new IllegalStateException("libtorch training diverged (loss " + loss + ")");
                }
                List<NDArray> grads = new ArrayList<>(parameters.size());
                NDList squares = new NDList();
                for (Parameter p : parameters) {
                    NDArray g = p.getArray().getGradient();
                    g.attach(step);
                    grads.add(g);
                    squares.add(g.square().sum());
                }
                float norm = (float) Math.sqrt(NDArrays.stack(squares).sum().getFloat());
                float scale = config.clipNorm() > 0 && norm > config.clipNorm() ? (float) (config.clipNorm() / norm) : 1f;
                float decay = (float) config.emaDecay();
                for (int i = 0; i < parameters.size(); i++) {
                    Parameter p = parameters.get(i);
                    NDArray g = grads.get(i);
                    if (scale != 1f) {
                        g.muli(scale);
                    }
                    adam.update(p.getId(), p.getArray(), g);
                    JniUtils.zeroGrad((PtNDArray) p.getArray());
                    if (decay > 0) {
                        NDArray moved = p.getArray().mul(1f - decay);
                        moved.attach(step);
                        ema.get(i).muli(decay).addi(moved);
                    }
                }
            }
        }

        @Override
        public double lastLoss() {
            return lastLoss;
        }

        @Override
        public void close() {
            owner.close();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
