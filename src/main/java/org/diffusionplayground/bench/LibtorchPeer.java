package org.diffusionplayground.bench;

import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.train.TrainingConfig;

/**
 * The peer a PyTorch user would pick: the same network and DSM step in libtorch on the CPU. Its
 * implementation (through DJL's PyTorch engine) lives in the {@code bench} Maven profile only and is
 * found with {@link java.util.ServiceLoader}; without that profile {@link Peers#libtorch()} says why it
 * is missing and the suite reports the row as such.
 */
public interface LibtorchPeer extends AutoCloseable {

    /** Opens the engine (loads libtorch); implementations register themselves as a service. */
    interface Provider {
        LibtorchPeer open() throws Exception;
    }

    /** A training step whose last loss can be read (to check that the peer trains as ours does). */
    interface TrainingStep extends Workload {
        double lastLoss();
    }

    /** Engine, version and thread settings, for the report. */
    String describe();

    /**
     * The DSM step of {@code config} from the weights {@code start}: batch drawn on the device (x₀, t,
     * ε, sinusoidal time features), forward, the ε-MSE loss, backward, global-norm clipping, Adam and
     * EMA, as {@link org.diffusionplayground.model.train.Nd4jTrainer} does. A run returns only when the
     * step's loss is known (it is read back, as our step returns it).
     *
     * @throws IllegalArgumentException for configurations the peer does not implement
     */
    TrainingStep trainingStep(TrainingConfig config, PointSet data, Mlp start);

    /**
     * The raw network output (n × 2) of {@code mlp} for the n input rows {@code input} (n × inputDim:
     * x, y and the time features), written into {@code out} at every run; the input tensor is made once.
     */
    Workload forward(Mlp mlp, float[] input, int n, float[] out);

    @Override
    void close();
}
