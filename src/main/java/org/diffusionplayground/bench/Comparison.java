package org.diffusionplayground.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Our implementation against peers, measured in rounds within the same run so that all of them see the
 * same machine load: each round times one repeat of ours and one of every peer, starting with a
 * different one each round, and the ratio of a peer's repeat to ours of the same round is one sample.
 * Ratios are speed ratios, ours / peer = peer time / our time: above 1 ours is faster. The same ratio of
 * CPU times (work done, all threads) is kept beside it.
 *
 * @param ours  our times per operation over the rounds
 * @param peers per peer, in the order given
 */
public record Comparison(Stopwatch.Timing ours, Map<String, Peer> peers) {

    /** A peer's times per operation and the speed ratios ours / peer, per round (wall clock and CPU). */
    public record Peer(Stopwatch.Timing time, Range ratio, Range cpuRatio) {
    }

    public static Comparison run(Stopwatch.Repeat ours, Map<String, Stopwatch.Repeat> peers, int rounds) {
        List<String> names = new ArrayList<>(peers.keySet());
        int k = names.size() + 1;
        Stopwatch.Sample[] a = new Stopwatch.Sample[rounds];
        Stopwatch.Sample[][] b = new Stopwatch.Sample[names.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int j = 0; j < k; j++) {
                int who = (r + j) % k;
                if (who == 0) {
                    a[r] = ours.run();
                } else {
                    b[who - 1][r] = peers.get(names.get(who - 1)).run();
                }
            }
        }
        Map<String, Peer> out = new LinkedHashMap<>();
        for (int p = 0; p < names.size(); p++) {
            double[] ratio = new double[rounds];
            double[] cpuRatio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = b[p][r].wallMs() / a[r].wallMs();
                cpuRatio[r] = b[p][r].cpuMs() / a[r].cpuMs();
            }
            out.put(names.get(p), new Peer(Stopwatch.Timing.of(b[p]), Range.of(ratio), Range.of(cpuRatio)));
        }
        return new Comparison(Stopwatch.Timing.of(a), out);
    }
}
