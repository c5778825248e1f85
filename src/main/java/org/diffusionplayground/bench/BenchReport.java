package org.diffusionplayground.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of a {@code bench} run: the machine, the peak FLOP rate, the rows and the notes that say
 * how each figure came about. Renders as the Markdown section of docs/benchmarks.md and as a plain-text
 * table for the terminal.
 */
public record BenchReport(MachineInfo machine, String loadAfter, String command, String date, double seconds,
        String settings, String peak, List<BenchRow> rows, List<String> notes, boolean quick) {

    public BenchReport {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    private static final String[] HEADER = {"#", "workload", "ours: median (min–max)", "target", "met", "peer",
        "speed ours / peer"};

    public String markdown() {
        StringBuilder sb = new StringBuilder();
        if (quick) {
            sb.append("**Smoke run (`--quick`): tiny sizes and single repeats; these numbers mean nothing.**\n\n");
        }
        sb.append(String.format(Locale.ROOT, "Measured %s in %.0f s with `%s`.%n%n", date, seconds, command));
        sb.append("**Machine.** ").append(machine.cpu()).append("; ").append(machine.memory()).append(" RAM; ")
                .append(machine.os()).append(".\n\n");
        sb.append("**JDK.** ").append(machine.jdk()).append(". **Libraries:** ")
                .append(machine.libraries().isEmpty() ? "unknown" : String.join(", ", machine.libraries())).append(".\n\n");
        sb.append("**Settings.** ").append(settings).append(environment()).append(".\n\n");
        sb.append("**Load.** Load average (1/5/15 min) ").append(machine.loadBefore()).append(" before the run, ")
                .append(loadAfter).append(" after it. ").append(peak).append("\n\n");
        sb.append("Figures are medians with the min–max range over the repeats. Ratios are speeds, ours / peer (peer "
                + "time ÷ our time, > 1: ours is faster), one sample per round of alternating repeats in this run. "
                + "\"CPU\" is the process's CPU time per operation summed over its threads: the work done, which load "
                + "from other programs stretches far less than the wall time (on an idle 2-core machine the wall time "
                + "is at least CPU ÷ 2).\n\n");
        sb.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (String[] cells : cells()) {
            sb.append("| ").append(String.join(" | ", escape(cells))).append(" |\n");
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            for (String n : notes) {
                sb.append("- ").append(n).append('\n');
            }
        }
        return sb.toString();
    }

    /** The same content for a terminal: one block per row instead of a wide table. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append(machine.cpu()).append('\n').append(machine.jdk()).append("; ").append(settings).append(environment())
                .append('\n').append(peak).append('\n');
        sb.append("load average ").append(machine.loadBefore()).append(" before, ").append(loadAfter).append(" after\n");
        for (BenchRow r : rows) {
            sb.append('\n').append(r.id()).append("  ").append(r.workload()).append('\n');
            sb.append("   ours: ").append(r.ours()).append('\n');
            if (!r.target().isEmpty()) {
                sb.append("   target: ").append(r.target()).append(" — ").append(r.verdict().label()).append('\n');
            }
            for (BenchRow.PeerCell p : r.peers()) {
                sb.append("   vs ").append(p.peer()).append(": ").append(p.ratio()).append('\n');
            }
        }
        for (String n : notes) {
            sb.append("\n- ").append(n);
        }
        return sb.append('\n').toString();
    }

    private String environment() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : machine.environment().entrySet()) {
            sb.append(", ").append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    /** One cell array per table line; peers after the first go on continuation lines. */
    private List<String[]> cells() {
        List<String[]> out = new ArrayList<>();
        for (BenchRow r : rows) {
            List<BenchRow.PeerCell> peers = r.peers();
            BenchRow.PeerCell first = peers.isEmpty() ? new BenchRow.PeerCell("", "") : peers.get(0);
            out.add(new String[] {r.id(), r.workload(), r.ours(), r.target(), r.verdict().label(), first.peer(),
                first.ratio()});
            for (int i = 1; i < peers.size(); i++) {
                out.add(new String[] {"", "", "", "", "", peers.get(i).peer(), peers.get(i).ratio()});
            }
        }
        return out;
    }

    private static String[] escape(String[] cells) {
        String[] e = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            e[i] = cells[i].replace("|", "\\|");
        }
        return e;
    }
}
