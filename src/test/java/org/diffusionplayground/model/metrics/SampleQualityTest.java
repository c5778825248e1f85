package org.diffusionplayground.model.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.GaussianMixture;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.sampling.ExponentialIntegrator;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.sampling.StepSchedule;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.util.Cancellation;
import org.junit.jupiter.api.Test;

/** The noise floor beside W2 is the spread of i.i.d. draws, which is what a perfect sampler gives. */
class SampleQualityTest {

    static final int N = 500;
    static final DataSet DATA = DataSet.builtIn(ToyData.GAUSSIANS_25, 1000, 0);
    static final GaussianMixture MIX = DATA.mixture().orElseThrow();

    @Test
    void theFloorIsTheSpreadOfIidDrawsNotOfStratifiedOnes() {
        PointSet reference = SampleQuality.iidDraw(DATA, N, 10);
        double bandwidth = SampleQuality.bandwidth(reference);
        SampleQuality.Floor floor = SampleQuality.iidFloor(DATA, reference, 6, 20, bandwidth, Cancellation.NEVER);
        // independent estimate of the i.i.d. spread: pairs drawn straight from the mixture, fresh on both sides
        int pairs = 12;
        double[] iid = new double[pairs];
        for (int k = 0; k < pairs; k++) {
            iid[k] = Wasserstein.exact(MIX.sample(N, new SplittableRandom(100 + k)),
                    MIX.sample(N, new SplittableRandom(200 + k)));
        }
        double mean = 0;
        for (double v : iid) {
            mean += v / pairs;
        }
        double sd = 0;
        for (double v : iid) {
            sd += (v - mean) * (v - mean) / (pairs - 1);
        }
        sd = Math.sqrt(sd);
        double se = Math.sqrt(sd * sd / pairs + floor.w2Sd() * floor.w2Sd() / floor.draws());
        assertEquals(mean, floor.w2Mean(), 4 * se, "i.i.d. spread " + mean + " ± " + sd);
        // the stratified held-out draws (equal shares per mode) sit far below: not a floor for samples
        double stratified = Wasserstein.exact(DATA.heldOut(N, 1), DATA.heldOut(N, 2));
        assertTrue(stratified < 0.5 * floor.w2Mean(), "stratified " + stratified + " against " + floor.w2Mean());
        // the unbiased MMD² of i.i.d. draws scatters around 0
        assertEquals(0, floor.mmd2Mean(), 4 * floor.mmd2Sd() / Math.sqrt(floor.draws()) + 1e-12);
    }

    @Test
    void aPerfectSamplerLandsOnTheFloor() {
        Schedule s = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        PointSet reference = SampleQuality.iidDraw(DATA, N, 11);
        double bandwidth = SampleQuality.bandwidth(reference);
        SampleQuality.Floor floor = SampleQuality.iidFloor(DATA, reference, 6, 30, bandwidth, Cancellation.NEVER);
        ReverseProcess exact = new ReverseProcess(s, new MixtureScore(MIX, s, "exact"), 1.0);
        SampleQuality.Distances d = SampleQuality.of(exact, new ExponentialIntegrator(),
                TimeGrid.of(StepSchedule.UNIFORM_LOG_SNR, s, 200), 5, reference, bandwidth, Cancellation.NEVER);
        // samples at t_min carry σ(t_min) = 0.03 of noise on 0.018-wide modes: a little above the floor
        assertTrue(d.w2() > floor.w2Mean() - 3 * floor.w2Sd() && d.w2() < floor.w2Mean() + 4 * floor.w2Sd() + 0.02,
                "W2 " + d.w2() + " against the floor " + floor.w2Mean() + " ± " + floor.w2Sd());
        assertEquals(floor.mmd2Mean(), d.mmd2(), 5 * floor.mmd2Sd() + 1e-4);
    }

    @Test
    void aGeneratorThatDealsPointsOutEvenlyIsDrawnIidFromAPool() {
        // the two moons generator alternates moons (exactly n/2 each); an i.i.d. draw splits them binomially
        DataSet moons = DataSet.builtIn(ToyData.TWO_MOONS, 1000, 0);
        int n = 400;
        int draws = 40;
        double[] iid = new double[draws];
        double[] dealt = new double[draws];
        for (int k = 0; k < draws; k++) {
            iid[k] = upperMoon(SampleQuality.iidDraw(moons, n, k));
            dealt[k] = upperMoon(moons.heldOut(n, k));
        }
        double binomial = Math.sqrt(n / 4.0 * (1 - 1.0 / SampleQuality.POOL));
        assertEquals(binomial, sd(iid), 0.35 * binomial, "spread of the upper moon's count over i.i.d. draws");
        assertTrue(sd(dealt) < 0.5 * binomial, "dealt draws: " + sd(dealt));
    }

    /** Points nearer the upper moon's circle (radius 1 about (0, 0) before the generator's centring and scaling). */
    private static int upperMoon(PointSet p) {
        int count = 0;
        for (int i = 0; i < p.size(); i++) {
            double x = 0.72 * p.x(i) + 0.5;
            double y = 0.72 * p.y(i) + 0.25;
            double upper = Math.abs(Math.hypot(x, y) - 1);
            double lower = Math.abs(Math.hypot(x - 1, y - 0.5) - 1);
            if (upper < lower) {
                count++;
            }
        }
        return count;
    }

    private static double sd(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x / v.length;
        }
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean) / (v.length - 1);
        }
        return Math.sqrt(s);
    }
}
