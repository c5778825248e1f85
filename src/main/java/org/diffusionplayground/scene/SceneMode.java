package org.diffusionplayground.scene;

/** What the scene animates: the forward process (data → noise) or sampling (noise → data). */
public enum SceneMode {
    FORWARD("Forward noising"),
    BACKWARD("Backward sampling");

    private final String label;

    SceneMode(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
