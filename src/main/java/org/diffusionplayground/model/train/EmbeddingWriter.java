package org.diffusionplayground.model.train;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.diffusionplayground.model.score.TimeEmbedding;

/**
 * Writes {@link TimeEmbedding#features} of a whole batch into the staged input rows, vectorised over
 * samples: the scalar path (one Math.exp per frequency and a Math.sin/cos per feature) took ~0.9 ms
 * of a ~4 ms step at batch 1024 with 32 features. The phases are formed exactly as in
 * TimeEmbedding ((1000 t)·ω_k from its table of ω_k = exp(−ln(10⁴) k/half)) and sin/cos run in double, so the float
 * features equal the ones the sampler's network sees up to the last bit of a double sine.
 */
final class EmbeddingWriter {

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    private final TimeEmbedding embedding;
    private final double[] frequency;
    private final double[] scaled;
    private final double[] sin;
    private final double[] cos;

    EmbeddingWriter(TimeEmbedding embedding, int maxBatch) {
        this.embedding = embedding;
        this.frequency = embedding.kind() == TimeEmbedding.Kind.SINUSOIDAL ? embedding.frequencies() : new double[0];
        this.scaled = new double[maxBatch];
        this.sin = new double[maxBatch];
        this.cos = new double[maxBatch];
    }

    /** Features of t[0..n) into stage[i·stride + offset + e]. */
    void write(double[] t, int n, float[] stage, int stride, int offset) {
        if (embedding.kind() == TimeEmbedding.Kind.RAW) {
            for (int i = 0; i < n; i++) {
                stage[i * stride + offset] = (float) t[i];
            }
            return;
        }
        int half = frequency.length;
        for (int i = 0; i < n; i++) {
            scaled[i] = 1000 * t[i];
        }
        int lanes = D.length();
        int vn = D.loopBound(n);
        for (int k = 0; k < half; k++) {
            double w = frequency[k];
            int i = 0;
            for (; i < vn; i += lanes) {
                DoubleVector phase = DoubleVector.fromArray(D, scaled, i).mul(w);
                phase.lanewise(VectorOperators.SIN).intoArray(sin, i);
                phase.lanewise(VectorOperators.COS).intoArray(cos, i);
            }
            for (; i < n; i++) {
                sin[i] = Math.sin(scaled[i] * w);
                cos[i] = Math.cos(scaled[i] * w);
            }
            for (int j = 0; j < n; j++) {
                int row = j * stride + offset;
                stage[row + k] = (float) sin[j];
                stage[row + half + k] = (float) cos[j];
            }
        }
    }
}
