package org.diffusionplayground.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.diffusionplayground.model.train.TrainingProgress;

/**
 * The one-line progress display on stderr: rewritten in place with a carriage return on a terminal;
 * when stderr is a file or a pipe (no console), a plain line at most every {@value #PLAIN_INTERVAL_MS} ms
 * so logs stay readable.
 */
final class ProgressLine {

    private static final long PLAIN_INTERVAL_MS = 10_000;

    private final PrintStream out;
    private final boolean inPlace;
    private int lastLength;
    private long lastPlain;

    ProgressLine(PrintStream out, boolean inPlace) {
        this.out = out;
        this.inPlace = inPlace;
    }

    static String format(TrainingProgress p) {
        return String.format(Locale.ROOT, "step %d/%d  loss %.4g  smoothed %.4g  %.0f steps/s  ETA %s  lr %.2e",
                p.step(), p.totalSteps(), p.loss(), p.smoothedLoss(), p.stepsPerSecond(), duration(p.etaSeconds()),
                p.learningRate());
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    synchronized void update(TrainingProgress p) {
        update(format(p), p.step() == p.totalSteps());
    }

    /** Shows {@code line}; {@code last} forces it out in plain mode too (the final report). */
    synchronized void update(String line, boolean last) {
        if (inPlace) {
            StringBuilder sb = new StringBuilder("\r").append(line);
            for (int i = line.length(); i < lastLength; i++) {
                sb.append(' ');
            }
            lastLength = line.length();
            out.print(sb);
            out.flush();
        } else {
            long now = System.currentTimeMillis();
            if (now - lastPlain >= PLAIN_INTERVAL_MS || last) {
                lastPlain = now;
                out.println(line);
            }
        }
    }

    /** Ends the in-place line so the next message starts on its own line. */
    synchronized void finish() {
        if (inPlace && lastLength > 0) {
            out.println();
            lastLength = 0;
        }
    }

    synchronized void message(String text) {
        finish();
        out.println(text);
        out.flush();
    }
}
