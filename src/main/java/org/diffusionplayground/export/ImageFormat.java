package org.diffusionplayground.export;

import java.nio.file.Path;
import java.util.Locale;

/** The picture formats of an image export: PNG (raster) and the two vector formats, SVG and PDF. */
public enum ImageFormat {
    PNG("png"),
    SVG("svg"),
    PDF("pdf");

    private final String extension;

    ImageFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    public boolean vector() {
        return this != PNG;
    }

    /** The format named by a file's extension, or null when it is not an image format. */
    public static ImageFormat ofPath(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (ImageFormat f : values()) {
            if (name.endsWith("." + f.extension)) {
                return f;
            }
        }
        return null;
    }
}
