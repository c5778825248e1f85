package org.diffusionplayground.model.likelihood;

import org.diffusionplayground.model.ode.DenseTrajectories;
import org.diffusionplayground.model.score.ScoreJets;
import org.diffusionplayground.model.score.ScoreModel;

/**
 * The points of the forward path at the times a backward pass asks for, and the score's jets there: the
 * path is read from the forward pass's dense output, never integrated backward (MATH.md §5, "The path is
 * read, never re-integrated backward").
 */
final class PathJets {

    private final ScoreModel score;
    private final DenseTrajectories path;
    private final int[] memberOfPath;
    private final ScoreJets jets = new ScoreJets(64);
    private double[] xy = new double[128];

    /**
     * @param path         the forward pass's dense output of x(t)
     * @param memberOfPath for each member of the backward pass, its member index in {@code path}
     */
    PathJets(ScoreModel score, DenseTrajectories path, int[] memberOfPath) {
        this.score = score;
        this.path = path;
        this.memberOfPath = memberOfPath;
    }

    /** Reads x(t) of each member into {@link #xy} and evaluates the score's jets there up to {@code order}. */
    void load(int[] members, double[] t, int count, int order) {
        if (xy.length < 2 * count) {
            xy = new double[2 * count];
        }
        for (int i = 0; i < count; i++) {
            path.interpolate(memberOfPath[members[i]], t[i], xy, 2 * i);
        }
        jets.ensureCapacity(count);
        score.jets(t, xy, count, order, jets);
    }

    /** The positions of the last {@link #load}, interleaved x, y. */
    double[] xy() {
        return xy;
    }

    /** The jets of the last {@link #load}. */
    ScoreJets jets() {
        return jets;
    }
}
