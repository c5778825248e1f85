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
 *   <li>Colour: jcodec encodes full-range ("JPEG") YUV but does not say so in the stream, so players
 *   read it as limited range: the light background clipped to white and greys tinted pink
 *   (docs/benchmarks.md, "Video export"). Here RGB is converted with the exact JFIF
 *   (BT.601 full-range) formulas and the sequence header carries that in its VUI (full range, BT.601
 *   matrix, BT.709 primaries and transfer, i.e. sRGB), so ffmpeg, browsers and players show the theme's
 *   colours.</li>
 *   <li>Speed: motion search over ±4 pixels instead of ±16 (particles move a few pixels per frame),
 *   a third of the encoding time at the same size (docs/benchmarks.md, "Video export").</li>
 *   <li>Quality: a constant quantiser (no rate control that coarsens busy frames).</li>
 * </ul>
 * After the header is written the container's creation and modification times are set to zero
 * ({@link Mp4Timestamps}), so two renders of the same frames are byte-identical.
 */
final class Mp4Writer implements VideoWriter {

    /**
     * Quantiser of key frames and of the others (H.264's QP: lower is finer; 51 is the coarsest): the
     * middle of the sizes and fidelities measured in docs/benchmarks.md, "Video export". Red and blue stay
     * lower at every QP: 4:2:0 H.264 stores colour at half resolution, which blurs the colour of dots two
     * pixels wide whatever the quantiser.
     */
    static final int KEY_QP = 20;
    static final int INTER_QP = 23;
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
    }

    @Override
    public void add(BufferedImage rgbFrame) throws IOException {
        int w = rgbFrame.getWidth();
        int h = rgbFrame.getHeight();
        if (yuv == null) {
            yuv = Picture.create(w, h, ColorSpace.YUV420J);
            buffer = ByteBuffer.allocate(Math.max(1 << 16, w * h * 6));
            track = muxer.addVideoTrack(Codec.H264, VideoCodecMeta.createSimpleVideoCodecMeta(new Size(w, h),
                    ColorSpace.YUV420J));
        }
        toYuv(rgbFrame, yuv);
        buffer.clear();
        VideoEncoder.EncodedFrame encoded = encoder.encodeFrame(yuv, buffer);
        track.addFrame(Packet.createPacket(encoded.getData(), frame, fps, 1, frame,
                encoded.isKeyFrame() ? Packet.FrameType.KEY : Packet.FrameType.INTER, null));
        frame++;
    }

    /**
     * RGB to full-range YUV 4:2:0 by the JFIF formulas (ITU-T T.871 §7):
     * Y = 0.299 R + 0.587 G + 0.114 B, Cb = 128 − 0.168736 R − 0.331264 G + 0.5 B,
     * Cr = 128 + 0.5 R − 0.418688 G − 0.081312 B, chroma averaged over each 2×2 block. jcodec keeps
     * samples as signed bytes, value − 128.
     */
    static void toYuv(BufferedImage rgb, Picture out) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int[] row0 = new int[w];
        int[] row1 = new int[w];
        byte[] y = out.getPlaneData(0);
        byte[] cb = out.getPlaneData(1);
        byte[] cr = out.getPlaneData(2);
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
                        int r = (p >> 16) & 255;
                        int g = (p >> 8) & 255;
                        int b = p & 255;
                        if (yy < h && i + dx < w) {
                            y[yy * w + i + dx] = (byte) (clamp(0.299 * r + 0.587 * g + 0.114 * b) - 128);
                        }
                        sumR += r;
                        sumG += g;
                        sumB += b;
                    }
                }
                double r = sumR / 4;
                double g = sumG / 4;
                double b = sumB / 4;
                int c = (j / 2) * cw + i / 2;
                cb[c] = (byte) (clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b) - 128);
                cr[c] = (byte) (clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b) - 128);
            }
        }
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
            vui.videoFullRangeFlag = true;
            vui.colourDescriptionPresentFlag = true;
            vui.colourPrimaries = 1; // BT.709 = sRGB primaries
            vui.transferCharacteristics = 1; // BT.709
            vui.matrixCoefficients = 6; // BT.601 (SMPTE 170M): the JFIF matrix of toYuv
            sps.vuiParams = vui;
            return sps;
        }
    }

    /** The same quantiser for every macroblock of a frame: key frames finer, predicted frames a little coarser. */
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
