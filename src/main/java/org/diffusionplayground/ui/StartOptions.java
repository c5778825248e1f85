package org.diffusionplayground.ui;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the window opens, from the command line ({@code ./mvnw javafx:run -Djavafx.args="--dark --lecture"}):
 * a lecturer sets up the room before the audience arrives, and screenshots of every panel and theme are
 * taken the same way.
 * <pre>
 *   --dark                 dark theme              --lecture          lecture mode (large fonts, thick lines)
 *   --present              presentation mode: the scene fills the screen under a large title (Esc leaves)
 *   --panel=ID             open a left panel: training, sampler, overlays
 *   --analysis=ID          right side: likelihood or training
 *   --map                  colour the evaluated points by C(x₀) once the likelihood is in
 *   --close-up             the NLL-versus-𝔥 chart zoomed to 𝔥 ≤ 0.1, where first order is the tangent
 *   --density              the model-density heatmap (Fokker–Planck grid) under the particles
 *   --train                start training the default scene's data from scratch right away
 *   --model=NAME           open a pretrained model other than swissroll-simple (e.g. 25gaussians-cosine;
 *                          read by {@link PlaygroundApp#startModel}, before JavaFX starts)
 *   --particles=N          particles of the scene (default 4000)
 *   --time=T               start paused at time T (e.g. 0.01: the finished samples) instead of animating
 *   --frame-log=S          print the frame timings (FrameTimeRecorder) every S seconds to standard error
 *   --preset=FILE          open a preset (e.g. presets/ode-versus-sde.json) once the window is up
 *   --lesson FILE          open a lesson at its first step (also --lesson=FILE; PgDn/PgUp step through it)
 *   --lens=ID[,ID]         switch lenses on: tweedie, langevin, current, entropy, speciation,
 *                          objectives
 *   --mode=forward         show the forward process (or backward)
 *   FILE                   open a scene or lesson (.dplay, .json) or points (.csv): how the file manager
 *                          starts the app for a double-clicked file or one dropped on its icon
 * </pre>
 */
record StartOptions(boolean dark, boolean lecture, boolean present, String panel, String analysis, boolean map, boolean closeUp,
        boolean density,
        boolean train, Integer particles, Double time, Double frameLogSeconds, String preset, List<String> lenses,
        org.diffusionplayground.scene.SceneMode mode) {

    static StartOptions parse(List<String> unnamed, Map<String, String> named) {
        boolean dark = unnamed.contains("--dark") || "dark".equalsIgnoreCase(named.get("theme"));
        return new StartOptions(dark, unnamed.contains("--lecture"), unnamed.contains("--present"), lower(named.get("panel")),
                lower(named.get("analysis")), unnamed.contains("--map"), unnamed.contains("--close-up"),
                unnamed.contains("--density"),
                unnamed.contains("--train"),
                number(named, "particles", Integer::valueOf), number(named, "time", Double::valueOf),
                number(named, "frame-log", Double::valueOf), named.get("preset"),
                named.containsKey("lens") ? List.of(lower(named.get("lens")).split(",")) : List.of(),
                "forward".equalsIgnoreCase(named.get("mode")) ? org.diffusionplayground.scene.SceneMode.FORWARD
                        : "backward".equalsIgnoreCase(named.get("mode")) ? org.diffusionplayground.scene.SceneMode.BACKWARD
                        : null);
    }

    /** The lesson file of {@code --lesson FILE} or {@code --lesson=FILE}, or null. */
    static String lesson(List<String> unnamed, Map<String, String> named) {
        if (named.containsKey("lesson")) {
            return named.get("lesson");
        }
        int i = unnamed.indexOf("--lesson");
        return i >= 0 && i + 1 < unnamed.size() ? unnamed.get(i + 1) : null;
    }

    /**
     * The file given as a plain argument (not an option, not the file of {@code --lesson FILE}), or null: the
     * first one, as the file manager passes the files it opens with the app.
     */
    static String file(List<String> unnamed) {
        for (int i = 0; i < unnamed.size(); i++) {
            String a = unnamed.get(i);
            if (a.equals("--lesson")) {
                i++; // its file
            } else if (!a.startsWith("--") && !a.isBlank()) {
                return a;
            }
        }
        return null;
    }

    private static <T> T number(Map<String, String> named, String key, java.util.function.Function<String, T> parse) {
        String v = named.get(key);
        if (v == null) {
            return null;
        }
        try {
            return parse.apply(v.trim());
        } catch (NumberFormatException e) {
            System.err.println("Diffusion Playground: ignoring --" + key + "=" + v + " (not a number)");
            return null;
        }
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
