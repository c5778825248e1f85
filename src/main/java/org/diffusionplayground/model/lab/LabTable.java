package org.diffusionplayground.model.lab;

import java.util.Locale;

/**
 * The sampler lab's report as text: the table the command line prints and the window shows, and the CSV
 * both export (one row per sampler and budget). One place, so the two never disagree.
 */
public final class LabTable {

    private LabTable() {
    }

    public static String text(LabReport r, String model, String data, String schedule, LabOptions o) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s on %s, %s, 𝔥 = %s; %d particles from the same x_T (seed %d), "
                + "W2 and MMD² on %d of them; %.1f s%n", model, data, schedule, fmt(o.h()), o.particles(), o.seed(),
                o.comparedPoints(), r.seconds()));
        sb.append(String.format(Locale.ROOT, "data floor (fresh i.i.d. draw): W2 %s, MMD² %s; error vs exact: %s "
                + "(reference's own %s)%n%n", fmt(r.w2Floor()), fmt(r.mmd2Floor()), r.exactMeasure(),
                fmt(r.referenceError())));
        String header = String.format(Locale.ROOT, "%-40s %5s %5s %8s %9s %11s %11s %5s %6s", "sampler", "NFE", "steps",
                "W2", "MMD²", "err vs exact", "net err", "fail", "s");
        sb.append(header).append('\n').append("-".repeat(header.length())).append('\n');
        for (LabSampler s : r.samplers()) {
            for (LabCell c : r.cellsOf(s)) {
                sb.append(String.format(Locale.ROOT, "%-40s %5d %5d %8s %9s %11s %11s %5d %6.2f%n", s.name(), c.nfe(),
                        c.steps(), fmt(c.w2()), fmt(c.mmd2()), fmt(c.exactError()), fmt(c.networkError()),
                        c.failures(), c.seconds()));
            }
            if (r.pathwise()) {
                sb.append(String.format(Locale.ROOT, "%-40s observed order of the error vs exact: %s%n", "",
                        fmt(r.observedOrder(s))));
            }
        }
        sb.append("\nerr vs exact uses the exact score (the sampler's discretisation error); net err is the RMS distance\n"
                + "between the model's and the exact score's runs on the same grid and noise (the network's part).\n");
        return sb.toString();
    }

    public static String csv(LabReport r, String model, String data, String schedule, LabOptions o) {
        StringBuilder sb = new StringBuilder(
                "model,data,schedule,h,sampler,step_schedule,budget,nfe,steps,w2,mmd2,err_vs_exact,net_err,failures,"
                        + "seconds,w2_floor,mmd2_floor,reference_err\n");
        for (LabCell c : r.cells()) {
            sb.append(String.join(",", quote(model), quote(data), schedule, Double.toString(o.h()),
                    quote(c.sampler().name()), quote(c.sampler().spacing().toString()), Integer.toString(c.budget()),
                    Integer.toString(c.nfe()), Integer.toString(c.steps()), num(c.w2()), num(c.mmd2()),
                    num(c.exactError()), num(c.networkError()), Integer.toString(c.failures()),
                    String.format(Locale.ROOT, "%.3f", c.seconds()), num(r.w2Floor()), num(r.mmd2Floor()),
                    num(r.referenceError()))).append('\n');
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.4g", v);
    }

}
