package org.diffusionplayground.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Our implementation against peers, measured in rounds within the same run so that all of them see the
 * same machine load: each round times one repeat of ours and one of every peer, starting with a
 * different one each round, and the ratio of a peer's repeat to ours of the same round is one sample.
 * Ratios are speed ratios, ours / peer = peer time / our time: above 1 ours is faster.
 *
 * @param ours   our milliseconds per operation over the rounds
 * @param peers  per peer, in the order given
 */
public record Comparison(Range ours, Map<String, Peer> peers) {

    /** A peer's milliseconds per operation and the speed ratio ours / peer, per round. */
    public record Peer(Range ms, Range ratio) {
    }

    public static Comparison run(Stopwatch.Repeat ours, Map<String, Stopwatch.Repeat> peers, int rounds) {
        List<String> names = new ArrayList<>(peers.keySet());
        int k = names.size() + 1;
        double[] a = new double[rounds];
        double[][] b = new double[names.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int j = 0; j < k; j++) {
                int who = (r + j) % k;
                if (who == 0) {
                    a[r] = ours.msPerOp();
                } else {
                    b[who - 1][r] = peers.get(names.get(who - 1)).msPerOp();
                }
            }
        }
        Map<String, Peer> out = new LinkedHashMap<>();
        for (int p = 0; p < names.size(); p++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = b[p][r] / a[r];
            }
            out.put(names.get(p), new Peer(Range.of(b[p]), Range.of(ratio)));
        }
        return new Comparison(Range.of(a), out);
    }
}
