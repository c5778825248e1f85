package org.diffusionplayground.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.metrics.QualityProbe;
import org.diffusionplayground.model.metrics.SampleQuality;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.scene.SolverChoice;

/**
 * What "a good picture" means in the time-to-quality benchmark (docs/benchmarks.md, "Time to a good
 * picture"): the samples' W2 to held-out data within {@value #TOLERANCE_PERCENT} % of what the paper's
 * training reaches after {@value #REFERENCE_STEPS} steps, all measured with one cheap {@link QualityProbe}:
 * {@value #SAMPLES} samples by the exponential integrator on {@value #SAMPLER_STEPS} equal log-SNR steps at
 * 𝔥 = 1 (sampler seed {@value #SAMPLER_SEED}) against {@value #SAMPLES} reference points (seed
 * {@value #REFERENCE_SEED}; for drawn data, the data's own points).
 *
 * <p>The paper's W2 does not settle on one number: without an EMA its weights keep moving by the learning
 * rate, and W2 at 8 gaussians swings by ±30 % from one check to the next. Its reference value is therefore the
 * median of the checks (every {@value #REFERENCE_EVERY} steps) over the last quarter of its run. These numbers
 * do not depend on the machine's load, so they are computed once ({@code playground bench-quality
 * --reference}) and read from {@value #RESOURCE}.
 */
public final class QualityTarget {

    public static final int TOLERANCE_PERCENT = 10;
    public static final long REFERENCE_STEPS = 80_000;
    public static final long REFERENCE_EVERY = 2_000;
    public static final int SAMPLES = 1_000;
    public static final int SAMPLER_STEPS = 100;
    public static final long SAMPLER_SEED = 1;
    public static final long REFERENCE_SEED = 0;
    /** Points of a built-in training set, as the window's data panel makes them, and their seed. */
    public static final int DATA_SIZE = 3_000;
    public static final long DATA_SEED = 0;
    static final String RESOURCE = "w2-references.csv";

    private QualityTarget() {
    }

    /** The probe every check of the benchmark uses, for a network trained on {@code schedule}. */
    public static QualityProbe probe(DataSet data, Schedule schedule) {
        SolverChoice solver = SolverChoice.EXPONENTIAL;
        return new QualityProbe(schedule, solver.sampler(1, false),
                TimeGrid.of(solver.stepSchedule(), schedule, SAMPLER_STEPS), 1, SAMPLER_SEED,
                SampleQuality.reference(data, SAMPLES, REFERENCE_SEED));
    }

    /** The target W2: the reference plus {@value #TOLERANCE_PERCENT} %. */
    public static double target(double referenceW2) {
        return referenceW2 * (1 + TOLERANCE_PERCENT / 100.0);
    }

    /** The reference value of a run's checks: the median of those in its last quarter of steps. */
    public static double referenceValue(List<TimeToQuality.Check> checks, long steps) {
        double[] w = checks.stream().filter(c -> c.step() > steps * 3 / 4).mapToDouble(TimeToQuality.Check::w2)
                .toArray();
        if (w.length == 0) {
            throw new IllegalArgumentException("no check in the last quarter of the run");
        }
        return Range.of(w).median();
    }

    /** The stored reference W2 per data-set name ("name,w2" lines; '#' starts a comment). */
    public static Map<String, Double> storedReferences() {
        Map<String, Double> refs = new LinkedHashMap<>();
        try (InputStream in = QualityTarget.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return refs;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] f = l.split(",");
                refs.put(f[0].strip().toLowerCase(Locale.ROOT), Double.parseDouble(f[1].strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return refs;
    }
}
