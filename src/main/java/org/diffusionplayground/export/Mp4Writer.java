package org.diffusionplayground.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.codecs.h264.encode.RateControl;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.codecs.h264.io.model.SliceType;
import org.jcodec.codecs.h264.io.model.VUIParameters;
import org.jcodec.common.Codec;
import org.jcodec.common.MuxerTrack;
import org.jcodec.common.VideoCodecMeta;
import org.jcodec.common.VideoEncoder;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Size;
import org.jcodec.containers.mp4.muxer.MP4Muxer;

/**
 * H.264 (Baseline) in an MP4 container through jcodec's encoder and muxer, at a constant frame rate.
 *
 * <p>Three things differ from jcodec's ready-made {@code SequenceEncoder}, each for a visible reason:
 * <ul>
 *   <li>Colour: RGB is converted here with the BT.709 matrix into limited-range ("TV", 16–235/240) YUV 4:2:0,
 *   and the sequence header says so in its VUI (BT.709 primaries, transfer and matrix, limited range), so
 *   players show {@code yuv420p} BT.709 and the theme's colours. jcodec's own conversion is full-range
 *   ({@code yuvj420p}) without saying so.</li>
 *   <li>Quantiser: at most {@link #MAX_QP}. jcodec 0.2.5 takes the intra predictors of the next macroblock
 *   from its <em>deblocked</em> reconstruction, where H.264 (ITU-T H.264 §8.3.1.2) predicts from samples
 *   before the deblocking filter, so a decoder and jcodec disagree about the predictors wherever the filter
 *   changes a sample, and the error adds up along the prediction chain: a light background drifted to
 *   magenta toward the bottom right (250,250,247 decoded as about 254,244,254). At fine quantisers the
 *   filter changes nothing (its thresholds α and β are zero, H.264 Table 8-16) and encoder and decoders
 *   agree; jcodec's own filter still acts at 14, not at 12 (docs/benchmarks.md, "Video colour").</li>
 *   <li>Key frames every {@link #KEY_SECONDS} s instead of every 25 frames: a key frame costs many
 *   predicted ones, and slides rarely seek.</li>
 *   <li>Speed: motion search over ±4 pixels instead of ±16 (particles move a few pixels per frame),
 *   a third of the encoding time at the same size (docs/benchmarks.md, "Video export").</li>
 * </ul>
 * After the header is written the container's creation and modification times are set to zero
 * ({@link Mp4Timestamps}), so two renders of the same frames are byte-identical.
 */
final class Mp4Writer implements VideoWriter {

    /**
     * The coarsest quantiser (H.264's QP: lower is finer): the deblocking filter is a no-op below 16, which
     * keeps jcodec's reconstruction equal to a decoder's (see the class comment).
     */
    static final int MAX_QP = 12;
    /**
     * Quantiser of key frames and of the others. Predicted frames cost jcodec about the same at any
     * quantiser (it never skips a macroblock; docs/benchmarks.md, "Video colour"), so both use the finest
     * value that is still cheap.
     */
    static final int KEY_QP = MAX_QP;
    static final int INTER_QP = MAX_QP;
    /** Seconds between key frames (see the class comment). */
    static final int KEY_SECONDS = 10;
    /** Motion search range in pixels (see the class comment for the measurement). */
    static final int MOTION_SEARCH = 4;

    private final Path file;
    private final int fps;
    private final SeekableByteChannel channel;
    private final MP4Muxer muxer;
    private MuxerTrack track;
    private final H264Encoder encoder;
    private Picture yuv;
    private ByteBuffer buffer;
    private int frame;
    private boolean finished;

    Mp4Writer(Path file, int fps) throws IOException {
        this.file = file;
        this.fps = fps;
        this.channel = NIOUtils.writableChannel(file.toFile());
        try {
            this.muxer = MP4Muxer.createMP4MuxerToChannel(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        this.encoder = new SrgbH264Encoder(new ConstantQp());
        encoder.setMotionSearchRange(MOTION_SEARCH);
        encoder.setKeyInterval(Math.max(1, KEY_SECONDS * fps));
    }

    @Override
    public void add(BufferedImage rgbFrame) throws IOException {
        int w = rgbFrame.getWidth();
        int h = rgbFrame.getHeight();
        if (yuv == null) {
            // jcodec's encoder takes only its "J" layout; the samples put in are limited-range (see toYuv)
            yuv = Picture.create(w, h, ColorSpace.YUV420J);
            buffer = ByteBuffer.allocate(Math.max(1 << 16, w * h * 6));
            track = muxer.addVideoTrack(Codec.H264, VideoCodecMeta.createSimpleVideoCodecMeta(new Size(w, h),
                    ColorSpace.YUV420));
        }
        toYuv(rgbFrame, yuv);
        buffer.clear();
        VideoEncoder.EncodedFrame encoded = encoder.encodeFrame(yuv, buffer);
        track.addFrame(Packet.createPacket(encoded.getData(), frame, fps, 1, frame,
                encoded.isKeyFrame() ? Packet.FrameType.KEY : Packet.FrameType.INTER, null));
        frame++;
    }

    /**
     * RGB to limited-range BT.709 YUV 4:2:0 (ITU-R BT.709-6 §3.2–3.4, 8 bits): with R, G, B in [0, 1],
     * E_Y = 0.2126 R + 0.7152 G + 0.0722 B, Y = 16 + 219 E_Y, Cb = 128 + 224 (B − E_Y) / 1.8556,
     * Cr = 128 + 224 (R − E_Y) / 1.5748; chroma from the mean of each 2×2 block (the mean of the
     * colour differences, which are linear in R, G, B). jcodec keeps samples as signed bytes, value − 128.
     */
    static void toYuv(BufferedImage rgb, Picture out) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int[] row0 = new int[w];
        int[] row1 = new int[w];
        byte[] y = out.getPlaneData(0);
        byte[] cb = out.getPlaneData(1);
        byte[] cr = out.getPlaneData(2);
        int yw = out.getPlaneWidth(0);
        int cw = out.getPlaneWidth(1);
        for (int j = 0; j < h; j += 2) {
            rgb.getRGB(0, j, w, 1, row0, 0, w);
            rgb.getRGB(0, Math.min(j + 1, h - 1), w, 1, row1, 0, w);
            for (int i = 0; i < w; i += 2) {
                double sumR = 0;
                double sumG = 0;
                double sumB = 0;
                for (int dy = 0; dy < 2; dy++) {
                    int[] row = dy == 0 ? row0 : row1;
                    int yy = j + dy;
                    for (int dx = 0; dx < 2; dx++) {
                        int xx = Math.min(i + dx, w - 1);
                        int p = row[xx];
                        double r = ((p >> 16) & 255) / 255.0;
                        double g = ((p >> 8) & 255) / 255.0;
                        double b = (p & 255) / 255.0;
                        if (yy < h && i + dx < w) {
                            y[yy * yw + i + dx] = (byte) (clamp(16 + 219 * luma(r, g, b)) - 128);
                        }
                        sumR += r;
                        sumG += g;
                        sumB += b;
                    }
                }
                double r = sumR / 4;
                double g = sumG / 4;
                double b = sumB / 4;
                double e = luma(r, g, b);
                int c = (j / 2) * cw + i / 2;
                cb[c] = (byte) (clamp(128 + 224 * (b - e) / 1.8556) - 128);
                cr[c] = (byte) (clamp(128 + 224 * (r - e) / 1.5748) - 128);
            }
        }
    }

    /** BT.709 luma of R, G, B in [0, 1]. */
    static double luma(double r, double g, double b) {
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    @Override
    public void finish() throws IOException {
        if (track == null) {
            throw new IOException("a video needs at least one frame");
        }
        muxer.finish();
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

    /** jcodec's encoder with a sequence header that says what its samples are (see the class comment). */
    private static final class SrgbH264Encoder extends H264Encoder {
        SrgbH264Encoder(RateControl rc) {
            super(rc);
        }

        @Override
        public SeqParameterSet initSPS(Size size) {
            SeqParameterSet sps = super.initSPS(size);
            VUIParameters vui = new VUIParameters();
            vui.videoSignalTypePresentFlag = true;
            vui.videoFormat = 5; // unspecified
            vui.videoFullRangeFlag = false; // limited range: Y in 16–235, Cb and Cr in 16–240
            vui.colourDescriptionPresentFlag = true;
            vui.colourPrimaries = 1; // BT.709 (= sRGB primaries)
            vui.transferCharacteristics = 1; // BT.709
            vui.matrixCoefficients = 1; // BT.709: the matrix of toYuv
            sps.vuiParams = vui;
            return sps;
        }
    }

    /** The same quantiser for every macroblock of a frame. */
    private static final class ConstantQp implements RateControl {
        @Override
        public int startPicture(Size size, int maxSize, SliceType type) {
            return type == SliceType.I ? KEY_QP : INTER_QP;
        }

        @Override
        public int initialQpDelta() {
            return 0;
        }

        @Override
        public int accept(int bits) {
            return 0;
        }
    }
}
