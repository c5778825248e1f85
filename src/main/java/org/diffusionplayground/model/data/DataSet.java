package org.diffusionplayground.model.data;

import java.util.Optional;

/**
 * Training points together with where they came from. Held-out points for likelihoods and sample
 * quality come from the same generator with another seed; imported and drawn data have no generator,
 * so their held-out set is the data itself (said in every report that uses it).
 */
public record DataSet(DataSource source, PointSet points) {

    /** Seed offset that separates held-out draws from the training draw. */
    private static final long HELD_OUT_SEED_OFFSET = 0x5DEECE66DL;

    public static DataSet of(DataSource source) {
        // (Java 17: no pattern matching in switch yet)
        if (source instanceof DataSource.BuiltIn b) {
            return new DataSet(b, b.kind().generate(b.size(), b.seed()));
        } else if (source instanceof DataSource.Imported i) {
            return new DataSet(i, i.points());
        } else if (source instanceof DataSource.Drawn d) {
            return new DataSet(d, d.points());
        }
        throw new IllegalArgumentException("unknown data source " + source);
    }

    public static DataSet builtIn(ToyData kind, int size, long seed) {
        return of(new DataSource.BuiltIn(kind, size, seed));
    }

    public String name() {
        return source.displayName();
    }

    public int size() {
        return points.size();
    }

    /** The exact data density, when the data set is a built-in Gaussian mixture. */
    public Optional<GaussianMixture> mixture() {
        return source instanceof DataSource.BuiltIn b ? b.kind().mixture() : Optional.empty();
    }

    /** True when {@link #heldOut} draws fresh points rather than returning the training points. */
    public boolean hasGenerator() {
        return source instanceof DataSource.BuiltIn;
    }

    /** {@code n} points not used for training (see the class comment for imported and drawn data). */
    public PointSet heldOut(int n, long seed) {
        if (source instanceof DataSource.BuiltIn b) {
            return b.kind().generate(n, seed + HELD_OUT_SEED_OFFSET);
        }
        return n >= points.size() ? points : points.slice(0, n);
    }
}
