package org.diffusionplayground.export;

import java.nio.file.Path;
import java.util.Locale;

/** Video containers: MP4 with H.264 (jcodec), and animated GIF (ImageIO) for slides that cannot play video. */
public enum VideoFormat {
    MP4("mp4"),
    GIF("gif");

    /**
     * Highest GIF frame rate: GIF delays are whole hundredths of a second, and browsers slow any delay
     * below 2/100 s down to 1/10 s.
     */
    public static final int MAX_GIF_FPS = 50;

    private final String extension;

    VideoFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** The format named by a file's extension, or null when it is not a video format. */
    public static VideoFormat ofPath(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (VideoFormat f : values()) {
            if (name.endsWith("." + f.extension)) {
                return f;
            }
        }
        return null;
    }
}
