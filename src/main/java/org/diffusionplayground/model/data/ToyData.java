package org.diffusionplayground.model.data;

import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The built-in 2-D data sets. Each is seeded and brought to roughly unit scale by a fixed divisor
 * (not by the sample's own statistics), so the same kind always lives in the same coordinates and
 * the mixtures keep closed-form scores. The swiss roll and the 25 gaussians follow the paper's code
 * exactly (MATH.md §2): make_swiss_roll(noise 0.5), coordinates (x, z), divided by 6.865; centres
 * {−4,−2,0,2,4}², std 0.05, divided by 2.828. The others follow the FFJORD / WGAN-GP toy sets.
 */
public enum ToyData {

    SWISS_ROLL("Swiss roll") {
        @Override
        void fill(double[] xy, int[] labels, int n, RandomGenerator rng) {
            // sklearn.datasets.make_swiss_roll: t = 1.5π(1 + 2u), (t cos t, 21 v, t sin t) + 0.5 N(0, I₃)
            for (int i = 0; i < n; i++) {
                double t = 1.5 * Math.PI * (1 + 2 * rng.nextDouble());
                rng.nextDouble(); // the height coordinate y = 21 v, dropped
                double nx = rng.nextGaussian();
                rng.nextGaussian();
                double nz = rng.nextGaussian();
                xy[2 * i] = (t * Math.cos(t) + 0.5 * nx) / 6.865;
                xy[2 * i + 1] = (t * Math.sin(t) + 0.5 * nz) / 6.865;
            }
        }
    },

    GAUSSIANS_25("25 gaussians") {
        @Override
        void fill(double[] xy, int[] labels, int n, RandomGenerator rng) {
            fillFromMixture(xy, labels, n, rng, mixture().orElseThrow());
        }

        @Override
        public Optional<GaussianMixture> mixture() {
            return Optional.of(GRID_25);
        }

        @Override
        public int classes() {
            return 25;
        }
    },

    GAUSSIANS_8("8 gaussians") {
        @Override
        void fill(double[] xy, int[] labels, int n, RandomGenerator rng) {
            fillFromMixture(xy, labels, n, rng, mixture().orElseThrow());
        }

        @Override
        public Optional<GaussianMixture> mixture() {
            return Optional.of(RING_8);
        }

        @Override
        public int classes() {
            return 8;
        }
    },

    TWO_MOONS("Two moons") {
        @Override
        void fill(double[] xy, int[] labels, int n, RandomGenerator rng) {
            // sklearn.datasets.make_moons with noise 0.06, centred and scaled to unit spread
            for (int i = 0; i < n; i++) {
                double th = Math.PI * rng.nextDouble();
                double x;
                double y;
                if (i % 2 == 0) {
                    x = Math.cos(th);
                    y = Math.sin(th);
                } else {
                    x = 1 - Math.cos(th);
                    y = 0.5 - Math.sin(th);
                }
                xy[2 * i] = (x + 0.06 * rng.nextGaussian() - 0.5) / 0.72;
                xy[2 * i + 1] = (y + 0.06 * rng.nextGaussian() - 0.25) / 0.72;
                labels[i] = i % 2;
            }
        }

        @Override
        public int classes() {
            return 2;
        }
    },

    RINGS("Concentric rings") {
        @Override
        void fill(double[] xy, int[] labels, int n, RandomGenerator rng) {
            // three rings of radius 1, 2, 3 with as many points per unit length on each
            for (int i = 0; i < n; i++) {
                double u = rng.nextDouble() * 6;
                double r = u < 1 ? 1 : u < 3 ? 2 : 3;
                double th = 2 * Math.PI * rng.nextDouble();
                double rr = r + 0.06 * rng.nextGaussian();
                xy[2 * i] = rr * Math.cos(th) / 1.75;
                xy[2 * i + 1] = rr * Math.sin(th) / 1.75;
                labels[i] = (int) r - 1;
            }
        }

        @Override
        public int classes() {
            return 3;
        }
    },

    CHECKERBOARD("Checkerboard") {
        @Override
        void fill(double[] xy, int[] labels, int n, RandomGenerator rng) {
            // FFJORD's checkerboard on [−4, 4]²: 8 filled squares of side 2
            for (int i = 0; i < n; i++) {
                double x1 = rng.nextDouble() * 4 - 2;
                double x2 = rng.nextDouble() - 2 * rng.nextInt(2) + Math.floorMod((int) Math.floor(x1), 2);
                xy[2 * i] = 2 * x1 / 2.31;
                xy[2 * i + 1] = 2 * x2 / 2.31;
            }
        }
    },

    PINWHEEL("Pinwheel") {
        @Override
        void fill(double[] xy, int[] labels, int n, RandomGenerator rng) {
            // FFJORD's pinwheel: 5 arms, radial std 0.3, tangential std 0.1, rate 0.25
            int classes = 5;
            for (int i = 0; i < n; i++) {
                double fr = 0.3 * rng.nextGaussian() + 1;
                double ft = 0.1 * rng.nextGaussian();
                double angle = 2 * Math.PI * (i % classes) / classes + 0.25 * Math.exp(fr);
                double c = Math.cos(angle);
                double s = Math.sin(angle);
                xy[2 * i] = 2 * (fr * c + ft * s) / 2.1;
                xy[2 * i + 1] = 2 * (-fr * s + ft * c) / 2.1;
                labels[i] = i % classes;
            }
        }

        @Override
        public int classes() {
            return 5;
        }
    },

    TWO_SPIRALS("Two spirals") {
        @Override
        void fill(double[] xy, int[] labels, int n, RandomGenerator rng) {
            // FFJORD's 2spirals: r = √u · 540°, mirrored arm, jitter 0.5 and noise 0.1, divided by 3
            for (int i = 0; i < n; i++) {
                double r = Math.sqrt(rng.nextDouble()) * 540 * (2 * Math.PI) / 360;
                double dx = -Math.cos(r) * r + rng.nextDouble() * 0.5;
                double dy = Math.sin(r) * r + rng.nextDouble() * 0.5;
                double sign = i % 2 == 0 ? 1 : -1;
                xy[2 * i] = (sign * dx / 3 + 0.1 * rng.nextGaussian()) / 1.6;
                xy[2 * i + 1] = (sign * dy / 3 + 0.1 * rng.nextGaussian()) / 1.6;
                labels[i] = i % 2;
            }
        }

        @Override
        public int classes() {
            return 2;
        }
    };

    /** Centres on {−4,−2,0,2,4}², std 0.05, all divided by 2.828 (the paper's 25 gaussians). */
    private static final GaussianMixture GRID_25 = grid25();
    /** Centres on a circle of radius 2 at multiples of 45°, std 0.1, divided by 1.414. */
    private static final GaussianMixture RING_8 = ring8();

    private final String displayName;

    ToyData(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** The exact density when the data set is a Gaussian mixture. */
    public Optional<GaussianMixture> mixture() {
        return Optional.empty();
    }

    /**
     * Number of parts the generator labels its points with (the mixture's modes, the moons, the rings, the
     * pinwheel's arms, the spirals); 0 for the data sets that are one piece.
     */
    public int classes() {
        return 0;
    }

    /**
     * The exact density of class k when the data set is a Gaussian mixture: its k-th component, since the
     * generator labels each point with the component it was drawn from.
     */
    public Optional<GaussianMixture> classMixture(int k) {
        return mixture().map(m -> m.component(k));
    }

    /**
     * {@code n} points from the seeded generator; the same (n, seed) always gives the same points, labelled
     * when the data set has parts ({@link #classes()}).
     */
    public PointSet generate(int n, long seed) {
        if (n < 1 || n > DataLimits.MAX_POINTS) {
            throw new IllegalArgumentException(
                    "number of points must be between 1 and " + DataLimits.MAX_POINTS + ", got " + n);
        }
        double[] xy = new double[2 * n];
        int[] labels = new int[n];
        fill(xy, labels, n, new SplittableRandom(seed));
        return classes() > 0 ? PointSet.adopt(xy, labels, classes()) : PointSet.adopt(xy);
    }

    abstract void fill(double[] xy, int[] labels, int n, RandomGenerator rng);

    /** Balanced component counts (i mod K), as the paper's generator makes them, then shuffled. */
    private static void fillFromMixture(double[] xy, int[] labels, int n, RandomGenerator rng, GaussianMixture m) {
        int k = m.components();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i % k;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        for (int i = 0; i < n; i++) {
            int c = order[i];
            labels[i] = c;
            double s = Math.sqrt(m.variance(c));
            xy[2 * i] = m.meanX(c) + s * rng.nextGaussian();
            xy[2 * i + 1] = m.meanY(c) + s * rng.nextGaussian();
        }
    }

    private static GaussianMixture grid25() {
        double scale = 2.828;
        double[] w = new double[25];
        double[] mu = new double[50];
        double[] v = new double[25];
        int k = 0;
        for (int i = -2; i <= 2; i++) {
            for (int j = -2; j <= 2; j++) {
                w[k] = 1;
                mu[2 * k] = 2 * i / scale;
                mu[2 * k + 1] = 2 * j / scale;
                v[k] = (0.05 / scale) * (0.05 / scale);
                k++;
            }
        }
        return new GaussianMixture(w, mu, v);
    }

    private static GaussianMixture ring8() {
        double scale = 1.414;
        double[] w = new double[8];
        double[] mu = new double[16];
        double[] v = new double[8];
        for (int k = 0; k < 8; k++) {
            double a = k * Math.PI / 4;
            w[k] = 1;
            mu[2 * k] = 2 * Math.cos(a) / scale;
            mu[2 * k + 1] = 2 * Math.sin(a) / scale;
            v[k] = (0.1 / scale) * (0.1 / scale);
        }
        return new GaussianMixture(w, mu, v);
    }
}
