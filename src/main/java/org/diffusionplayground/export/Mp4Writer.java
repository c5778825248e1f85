package org.diffusionplayground.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.jcodec.api.awt.AWTSequenceEncoder;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.Rational;

/**
 * H.264 in an MP4 container through jcodec, one key frame per frame (jcodec's encoder makes only I-frames),
 * at a constant frame rate. After the header is written the container's creation and modification times
 * are set to zero ({@link Mp4Timestamps}), so two renders of the same frames are byte-identical.
 */
final class Mp4Writer implements VideoWriter {

    private final Path file;
    private final SeekableByteChannel channel;
    private final AWTSequenceEncoder encoder;
    private boolean finished;

    Mp4Writer(Path file, int fps) throws IOException {
        this.file = file;
        this.channel = NIOUtils.writableChannel(file.toFile());
        try {
            this.encoder = new AWTSequenceEncoder(channel, Rational.R(fps, 1));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void add(BufferedImage rgbFrame) throws IOException {
        encoder.encodeImage(rgbFrame);
    }

    @Override
    public void finish() throws IOException {
        encoder.finish();
        channel.close();
        finished = true;
        Mp4Timestamps.clear(file);
    }

    @Override
    public void close() throws IOException {
        if (!finished) {
            channel.close();
        }
    }
}
