package org.diffusionplayground.model.data;

/**
 * Where a data set comes from. Built-in sets are regenerated from (kind, n, seed); imported and drawn
 * sets carry their points, so a preset or an autosave can restore them when the file is gone.
 */
public sealed interface DataSource {

    /** Human-readable name for legends and titles. */
    String displayName();

    /** One of the seeded generators of {@link ToyData}. */
    record BuiltIn(ToyData kind, int size, long seed) implements DataSource {
        public BuiltIn {
            if (kind == null) {
                throw new IllegalArgumentException("data set kind is missing");
            }
            if (size < 1 || size > DataLimits.MAX_POINTS) {
                throw new IllegalArgumentException(
                        "data set size must be between 1 and " + DataLimits.MAX_POINTS + ", got " + size);
            }
        }

        @Override
        public String displayName() {
            return kind.displayName();
        }
    }

    /** Points read from a CSV file (already standardised if the user asked for it). */
    record Imported(String fileName, PointSet points) implements DataSource {
        @Override
        public String displayName() {
            return fileName;
        }
    }

    /** Points the user drew with the mouse. */
    record Drawn(PointSet points) implements DataSource {
        @Override
        public String displayName() {
            return "Drawn data";
        }
    }
}
