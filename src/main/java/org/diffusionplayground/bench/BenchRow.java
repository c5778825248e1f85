package org.diffusionplayground.bench;

import java.util.List;

/**
 * One line of the benchmark table: a workload, our figure (median and range), the target and whether
 * it is met, and the speed ratios against the peers measured in the same run.
 *
 * @param id       the numbering (1 training, 2 network, 3 sampler, 4 likelihood, 5 Fokker–Planck, 6 frames)
 * @param workload what was timed, with its sizes
 * @param ours     our figure, e.g. "3.41 (3.30–3.90) ms"
 * @param target   the goal, or "" when there is none
 * @param verdict  whether the median meets the target
 * @param peers    the peers compared in the same run
 */
public record BenchRow(String id, String workload, String ours, String target, Verdict verdict, List<PeerCell> peers) {

    public enum Verdict {
        MET("met"), MISSED("missed"), NONE("");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Verdict of(boolean met) {
            return met ? MET : MISSED;
        }
    }

    /** A peer's name and the speed ratio ours / peer (or why it is missing). */
    public record PeerCell(String peer, String ratio) {
    }

    public BenchRow {
        peers = List.copyOf(peers);
    }

    public static BenchRow plain(String id, String workload, String ours) {
        return new BenchRow(id, workload, ours, "", Verdict.NONE, List.of());
    }
}
