package org.diffusionplayground.export;

import java.awt.image.BufferedImage;
import java.io.IOException;

/** An encoder that takes opaque RGB frames one by one; {@link #finish} completes the file. */
interface VideoWriter extends AutoCloseable {

    void add(BufferedImage rgbFrame) throws IOException;

    /** Writes what a player needs after the frames (the MP4 index, the GIF trailer). */
    void finish() throws IOException;

    /** Releases the file; after a failure the caller deletes it. */
    @Override
    void close() throws IOException;
}
