package org.diffusionplayground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.checkpoint.PretrainedModel;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.likelihood.LikelihoodOptions;
import org.diffusionplayground.model.likelihood.LikelihoodResult;
import org.diffusionplayground.model.likelihood.PointFailure;
import org.diffusionplayground.model.likelihood.WkbLikelihood;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.util.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LikelihoodCommandTest {

    @TempDir
    Path dir;

    @Test
    void everyPointsNumbersAreTheLibrarysAndBothFormsOfCAgree() throws Exception {
        Path points = dir.resolve("points.csv");
        Files.writeString(points, "x,y\n0.1,0.2\n-0.5,0.3\n0.9,-0.7\n0.0,0.0\n");
        Path out = dir.resolve("nll.csv");
        CliRun r = CliRun.of("likelihood", "--points", points.toString(), "--tol", "1e-6", "--out", out.toString(),
                "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("failed: 0 in the PF-ODE"), r.out());
        List<String> lines = Files.readAllLines(out);
        assertEquals("x,y,nll_h0,C_adjoint,C_delta_x,grad_log_q0_norm,laplacian_log_q0,status", lines.get(0));
        assertEquals(5, lines.size());

        Checkpoint cp = PretrainedModel.byId("swissroll-simple").orElseThrow().load();
        Schedule schedule = cp.schedule().build();
        LikelihoodResult direct = new WkbLikelihood(schedule, new NetworkScore(cp.network(), schedule),
                LikelihoodOptions.of(1e-6)).withCorrection(PointSet.of(new double[] {0.1, 0.2, -0.5, 0.3, 0.9, -0.7,
                    0, 0}), null, Cancellation.NEVER);
        for (int i = 0; i < 4; i++) {
            String[] f = lines.get(i + 1).split(",");
            assertEquals("converged", f[7]);
            assertEquals(-direct.logQ0()[i], Double.parseDouble(f[2]), 0.0, "the same computation, to the bit");
            assertEquals(direct.correction()[i], Double.parseDouble(f[3]), 0.0);
            double c = Double.parseDouble(f[3]);
            assertEquals(c, Double.parseDouble(f[4]), 1e-3 * (1 + Math.abs(c)), "adjoint and δx forms, point " + i);
            assertEquals(Math.hypot(direct.gradLogQ0()[2 * i], direct.gradLogQ0()[2 * i + 1]),
                    Double.parseDouble(f[5]), 0.0);
        }
        assertEquals(1, CliRun.of("likelihood", "--points", points.toString(), "--out", out.toString(), "--quiet")
                .code(), "an existing file is not replaced without --force");

        // the paper's finite differences as an independent column, and their extrapolation to DX → 0
        // (two points: every spacing costs five nested PF-ODE solves per outer step)
        Path two = dir.resolve("two.csv");
        Files.writeString(two, "x,y\n0.1,0.2\n-0.5,0.3\n");
        Path fd = dir.resolve("fd.csv");
        CliRun withFd = CliRun.of("likelihood", "--points", two.toString(), "--tol", "1e-3", "--fd", "0.04,0.02",
                "--fd-inner-tol", "1e-5", "--out", fd.toString(), "--quiet");
        assertEquals(0, withFd.code(), withFd.err());
        List<String> fdLines = Files.readAllLines(fd);
        assertTrue(fdLines.get(0).endsWith(",status,C_fd_dx0.04,C_fd_dx0.02,C_fd_richardson"), fdLines.get(0));
        for (int i = 1; i < fdLines.size(); i++) {
            String[] f = fdLines.get(i).split(",");
            double c = Double.parseDouble(f[3]);
            double c2 = Double.parseDouble(f[8]);
            double c1 = Double.parseDouble(f[9]);
            double extrapolated = Double.parseDouble(f[10]);
            assertEquals((4 * c1 - c2) / 3, extrapolated, 1e-9 * (1 + Math.abs(c1)));
            // the same C by another algorithm at loose tolerances, where the inner solves' noise divided by
            // DX² is a few tenths (docs/results.md has the convergence at tight ones): a wrong column, sign
            // or spacing would be far off
            assertEquals(c, c1, 0.25 * Math.abs(c) + 1, fdLines.get(i));
            assertEquals(c, c2, 0.25 * Math.abs(c) + 1, fdLines.get(i));
        }
    }

    @Test
    void aFailedPassKeepsWhatTheEarlierPassesGaveAndSaysWhichPassFailed() {
        PointFailure[] failure = {null, new PointFailure(PointFailure.Pass.PF_ODE, "step size underflow"),
            new PointFailure(PointFailure.Pass.BACKWARD, "more than 20000 steps, stopped at t = 0.5"),
            new PointFailure(PointFailure.Pass.DELTA_X, "step size underflow")};
        double[] c = {0.5, 0, 0, 7};
        LikelihoodResult r = new LikelihoodResult(PointSet.of(new double[8]), new double[] {-1, 0, -2, -3}, c, c,
                new double[8], new double[4], failure, 0, 0);
        String[] rows = LikelihoodCommand.csv(r, null, null, null).split("\n");
        assertTrue(rows[1].startsWith("0.0,0.0,1.0,0.5,0.5,0.0,0.0,converged"), rows[1]);
        assertEquals("0.0,0.0,,,,,,failed in PF-ODE: step size underflow", rows[2]);
        assertEquals("0.0,0.0,2.0,,,,,\"failed in C (backward pass): more than 20000 steps, stopped at t = 0.5\"",
                rows[3]);
        assertEquals("0.0,0.0,3.0,7.0,,0.0,0.0,failed in C (δx form): step size underflow", rows[4]);
        LikelihoodResult.Summary s = r.summary();
        assertEquals(3, s.count(), "a point without C still counts in the NLL mean");
        assertEquals(1, s.failed());
        assertEquals(2, s.correctionCount());
        assertEquals(1, s.correctionFailed());
        assertEquals((1 + 2 + 3) / 3.0, s.meanNll(), 1e-15);
        assertEquals((0.5 + 7) / 2, s.meanCorrection(), 1e-15);
    }

    @Test
    void badArgumentsAreUsageErrors() {
        Path out = dir.resolve("x.csv");
        assertEquals(2, CliRun.of("likelihood", "--tol", "0", "--out", out.toString()).code());
        assertEquals(2, CliRun.of("likelihood", "--hs", "-1", "--out", out.toString()).code());
        assertEquals(2, CliRun.of("likelihood", "--hs", "11", "--out", out.toString()).code());
        assertEquals(2, CliRun.of("likelihood", "--held-out", "0", "--out", out.toString()).code());
        assertEquals(2, CliRun.of("likelihood").code(), "--out is required");
        assertEquals(2, CliRun.of("likelihood", "--fd", "0", "--out", out.toString()).code());
        assertEquals(2, CliRun.of("likelihood", "--fd", "0.01,0.01", "--out", out.toString()).code());
    }
}
