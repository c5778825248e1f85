package org.diffusionplayground.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a benchmark figure was measured on: the CPU as {@code lscpu} describes it, memory, the JDK, the
 * native-library settings that change speed (read when the libraries load, so they come from the
 * environment), the library versions on the class path, and the load average before and after the run
 * (other users of a shared machine). Probing never fails: what cannot be read is reported as unknown.
 */
public record MachineInfo(String cpu, String memory, String jdk, String os, Map<String, String> environment,
        List<String> libraries, String loadBefore) {

    /** Environment variables read by libgomp, OpenBLAS and glibc malloc at library load. */
    public static final List<String> ENVIRONMENT = List.of("OMP_WAIT_POLICY", "OMP_NUM_THREADS", "OPENBLAS_CORETYPE",
            "OPENBLAS_NUM_THREADS", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_");

    public static MachineInfo probe() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String k : ENVIRONMENT) {
            String v = System.getenv(k);
            if (v != null) {
                env.put(k, v);
            }
        }
        return new MachineInfo(probeCpu(), probeMemory(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + " (" + System.getProperty("java.vendor") + ")", System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " " + System.getProperty("os.arch"), env, probeLibraries(), loadAverage());
    }

    /** The 1, 5 and 15 minute load averages, or "unknown" off Linux. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Logical processors the JVM may use. */
    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static String probeCpu() {
        Map<String, String> l = lscpu();
        if (l.isEmpty()) {
            return System.getProperty("os.arch") + ", " + cores() + " logical CPUs";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(l.getOrDefault("Model name", "unknown CPU"));
        if (l.containsKey("CPU family")) {
            sb.append(", family ").append(l.get("CPU family")).append(" model ").append(l.getOrDefault("Model", "?"));
        }
        sb.append(", ").append(l.getOrDefault("CPU(s)", String.valueOf(cores()))).append(" CPUs");
        if (l.containsKey("Thread(s) per core")) {
            sb.append(" (").append(l.get("Thread(s) per core")).append(" thread(s) per core)");
        }
        if (l.containsKey("Hypervisor vendor")) {
            sb.append(" under ").append(l.get("Hypervisor vendor"));
        }
        String flags = " " + l.getOrDefault("Flags", "") + " ";
        List<String> simd = new ArrayList<>();
        for (String f : new String[] {"avx2", "fma", "avx512f", "avx512_bf16", "amx_tile", "asimd", "sve"}) {
            if (flags.contains(" " + f + " ")) {
                simd.add(f);
            }
        }
        if (!simd.isEmpty()) {
            sb.append("; ").append(String.join(", ", simd));
        }
        for (String cache : new String[] {"L1d cache", "L2 cache", "L3 cache"}) {
            if (l.containsKey(cache)) {
                sb.append("; ").append(cache.replace(" cache", "")).append(' ').append(l.get(cache));
            }
        }
        return sb.toString();
    }

    private static Map<String, String> lscpu() {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            Process p = new ProcessBuilder("lscpu").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return m;
            }
            for (String line : text.split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    m.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return m;
    }

    private static String probeMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format(Locale.ROOT, "%.0f GiB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return "unknown";
    }

    /**
     * Versions of the libraries that do the arithmetic, from the names of the jars their classes were
     * loaded from (the launcher's class path is the jar's manifest, so java.class.path does not list them).
     */
    private static List<String> probeLibraries() {
        List<String> out = new ArrayList<>();
        for (String cls : new String[] {"org.nd4j.linalg.factory.Nd4j", "org.bytedeco.openblas.global.openblas",
            "org.bytedeco.javacpp.Loader", "org.hipparchus.ode.nonstiff.DormandPrince54Integrator",
            "ai.djl.engine.Engine", "ai.djl.pytorch.engine.PtEngine", "org.openjdk.jmh.Main"}) {
            try {
                java.security.CodeSource src = Class.forName(cls, false, MachineInfo.class.getClassLoader())
                        .getProtectionDomain().getCodeSource();
                if (src == null || src.getLocation() == null) {
                    continue;
                }
                String name = Path.of(src.getLocation().toURI()).getFileName().toString();
                if (name.endsWith(".jar")) {
                    out.add(name.substring(0, name.length() - 4));
                }
            } catch (ClassNotFoundException | java.net.URISyntaxException | RuntimeException | LinkageError e) {
                // not in this build
            }
        }
        return out;
    }
}
