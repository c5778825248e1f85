package org.diffusionplayground.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.render.FrameRenderer;
import org.diffusionplayground.render.SceneFrame;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.scene.SceneMode;
import org.diffusionplayground.scene.SceneOverlays;
import org.jcodec.api.FrameGrab;
import org.jcodec.codecs.h264.H264Utils;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.codecs.h264.io.model.VUIParameters;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.Picture;
import org.jcodec.containers.mp4.boxes.VideoSampleEntry;
import org.jcodec.containers.mp4.demuxer.AbstractMP4DemuxerTrack;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An MP4 decoded back shows the colours that were rendered: every 64×64 tile's mean colour within 3/255 per
 * channel of the rendered frame, in every frame, and the stream says how to read its samples (BT.709,
 * limited range), as players need.
 */
class Mp4ColourTest {

    /** The tolerance of the acceptance: 3 levels of 255 on any channel of a tile's mean. */
    private static final double TOLERANCE = 3;
    private static final int TILE = 64;

    @TempDir
    Path dir;

    private static BufferedImage rendered(int w, int h) {
        Theme theme = Theme.LIGHT.scaled(Math.max(0.5, h / 1080.0));
        SceneFrame frame = new SceneFrames(TestScenes.eightGaussians(SceneMode.FORWARD, 0.05, 1), w, h, theme,
                SceneOverlays.NONE).still(null, Cancellation.NEVER);
        FrameRenderer renderer = new FrameRenderer(w, h);
        renderer.render(frame, theme, false);
        return renderer.rgb(null);
    }

    /**
     * Limited-range BT.709 back to RGB, written from the standard's definitions (ITU-R BT.709-6 §3): E_Y =
     * (Y − 16)/219, E_Cb = (Cb − 128)/224, E_Cr = (Cr − 128)/224; R = E_Y + 1.5748 E_Cr, B = E_Y + 1.8556 E_Cb,
     * G = (E_Y − 0.2126 R − 0.0722 B)/0.7152. Chroma is taken from the 2×2 block's sample (no interpolation:
     * the tile means do not depend on it).
     */
    private static double[][][] toRgb(Picture p, int w, int h) {
        double[][][] rgb = new double[h][w][3];
        byte[] y = p.getPlaneData(0);
        byte[] cb = p.getPlaneData(1);
        byte[] cr = p.getPlaneData(2);
        int yw = p.getPlaneWidth(0);
        int cw = p.getPlaneWidth(1);
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                double ey = ((y[j * yw + i] + 128) - 16) / 219.0;
                double eb = ((cb[(j / 2) * cw + i / 2] + 128) - 128) / 224.0;
                double er = ((cr[(j / 2) * cw + i / 2] + 128) - 128) / 224.0;
                double r = ey + 1.5748 * er;
                double b = ey + 1.8556 * eb;
                double g = (ey - 0.2126 * r - 0.0722 * b) / 0.7152;
                rgb[j][i][0] = 255 * clip(r);
                rgb[j][i][1] = 255 * clip(g);
                rgb[j][i][2] = 255 * clip(b);
            }
        }
        return rgb;
    }

    private static double clip(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** The largest difference, over tiles and channels, of the tiles' mean colours. */
    private static double worstTile(BufferedImage expected, double[][][] decoded, StringBuilder where) {
        int w = expected.getWidth();
        int h = expected.getHeight();
        double worst = 0;
        for (int ty = 0; ty + TILE <= h; ty += TILE) {
            for (int tx = 0; tx + TILE <= w; tx += TILE) {
                double[] a = new double[3];
                double[] b = new double[3];
                for (int j = ty; j < ty + TILE; j++) {
                    for (int i = tx; i < tx + TILE; i++) {
                        int p = expected.getRGB(i, j);
                        a[0] += (p >> 16) & 255;
                        a[1] += (p >> 8) & 255;
                        a[2] += p & 255;
                        for (int c = 0; c < 3; c++) {
                            b[c] += decoded[j][i][c];
                        }
                    }
                }
                for (int c = 0; c < 3; c++) {
                    double d = Math.abs(a[c] - b[c]) / (TILE * TILE);
                    if (d > worst) {
                        worst = d;
                        where.setLength(0);
                        where.append(String.format("tile at (%d, %d), channel %d: rendered %.1f, decoded %.1f", tx, ty,
                                c, a[c] / (TILE * TILE), b[c] / (TILE * TILE)));
                    }
                }
            }
        }
        return worst;
    }

    @Test
    void everyTileOfAStillSceneDecodesToItsRenderedColourInEveryFrame() throws Exception {
        int w = 960;
        int h = 544;
        BufferedImage frame = rendered(w, h);
        Path out = dir.resolve("still.mp4");
        int frames = 3;
        try (Mp4Writer writer = new Mp4Writer(out, 30)) {
            for (int k = 0; k < frames; k++) {
                writer.add(frame);
            }
            writer.finish();
        }
        List<Double> worst = new ArrayList<>();
        try (SeekableByteChannel ch = NIOUtils.readableChannel(out.toFile())) {
            FrameGrab grab = FrameGrab.createFrameGrab(ch);
            for (int k = 0; k < frames; k++) {
                Picture p = grab.getNativeFrame();
                StringBuilder where = new StringBuilder();
                double d = worstTile(frame, toRgb(p, w, h), where);
                worst.add(d);
                assertTrue(d <= TOLERANCE, "frame " + k + ": " + where);
            }
        }
        assertEquals(frames, worst.size());
    }

    @Test
    void theStreamDeclaresLimitedRangeBt709() throws Exception {
        BufferedImage frame = rendered(320, 180);
        Path out = dir.resolve("meta.mp4");
        try (Mp4Writer writer = new Mp4Writer(out, 30)) {
            writer.add(frame);
            writer.finish();
        }
        try (SeekableByteChannel ch = NIOUtils.readableChannel(out.toFile())) {
            AbstractMP4DemuxerTrack track = (AbstractMP4DemuxerTrack) MP4Demuxer.createMP4Demuxer(ch).getVideoTrack();
            VideoSampleEntry entry = (VideoSampleEntry) track.getSampleEntries()[0];
            SeqParameterSet sps = H264Utils.readSPS(H264Utils.parseAVCC(entry).getSpsList().get(0));
            VUIParameters vui = sps.vuiParams;
            assertTrue(vui.videoSignalTypePresentFlag && vui.colourDescriptionPresentFlag);
            assertFalse(vui.videoFullRangeFlag, "limited (TV) range, what yuv420p means");
            assertEquals(1, vui.colourPrimaries, "BT.709 primaries");
            assertEquals(1, vui.transferCharacteristics, "BT.709 transfer");
            assertEquals(1, vui.matrixCoefficients, "BT.709 matrix");
            assertEquals(org.jcodec.common.model.ColorSpace.YUV420J, sps.chromaFormatIdc, "4:2:0 chroma (jcodec names the format so)");
        }
    }
}
