package org.diffusionplayground.model.util;

/** The version of this build (from the jar manifest; "dev" when running from classes). */
public final class AppVersion {

    private AppVersion() {
    }

    public static String get() {
        String v = AppVersion.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
