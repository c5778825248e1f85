package org.diffusionplayground.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.diffusionplayground.model.util.AtomicFiles;
import org.diffusionplayground.model.util.AtomicFiles.Existing;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.render.FrameRenderer;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.scene.SceneMode;
import org.diffusionplayground.scene.SceneOverlays;
import org.diffusionplayground.scene.SceneState;
import org.jcodec.api.awt.AWTFrameGrab;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Videos decoded back: frame count, size, content, determinism, cancel and failure leave no file. */
class VideoExportTest {

    @TempDir
    Path dir;

    private static final Theme THEME = Theme.LIGHT.scaled(0.5);

    private static void write(Path out, SceneState s, VideoSettings v) throws Exception {
        VideoExport.write(out, s, v, THEME, SceneOverlays.NONE, Existing.REFUSE, null, Cancellation.NEVER);
    }

    @Test
    void mp4OfBackwardSamplingHasOneDecodableFramePerTickOfTheRequestedSize() throws Exception {
        SceneState s = TestScenes.eightGaussians(SceneMode.BACKWARD, 1, 3);
        VideoSettings v = VideoSettings.of(VideoKind.BACKWARD, 192, 108, 10, 0.9);
        Path out = dir.resolve("backward.mp4");
        write(out, s, v);
        assertEquals(9, v.frames());
        int frames = 0;
        BufferedImage last = null;
        try (SeekableByteChannel ch = NIOUtils.readableChannel(out.toFile())) {
            AWTFrameGrab grab = AWTFrameGrab.createAWTFrameGrab(ch);
            assertEquals(9, grab.getVideoTrack().getMeta().getTotalFrames());
            BufferedImage f;
            while ((f = grab.getFrame()) != null) {
                assertEquals(192, f.getWidth());
                assertEquals(108, f.getHeight());
                last = f;
                frames++;
            }
        }
        assertEquals(9, frames);
        // the last decoded frame is the last rendered frame, up to H.264's loss
        SceneFrames.Video video = new SceneFrames(s, 192, 108, THEME, SceneOverlays.NONE).video(v);
        video.prepare(null, Cancellation.NEVER);
        FrameRenderer r = new FrameRenderer(192, 108);
        r.render(video.frame(8, Cancellation.NEVER), THEME, false);
        BufferedImage expected = r.rgb(null);
        assertTrue(meanAbsoluteDifference(expected, last) < 10, "decoded frame differs from the rendered one by "
                + meanAbsoluteDifference(expected, last));
        BufferedImage first = new FrameRenderer(192, 108).rgb(null);
        assertTrue(meanAbsoluteDifference(expected, first) > 20, "the comparison can tell frames apart");
    }

    @Test
    void twoRendersOfTheSameSeedAreByteIdentical() throws Exception {
        SceneState s = TestScenes.eightGaussians(SceneMode.BACKWARD, 1, 5);
        VideoSettings v = VideoSettings.of(VideoKind.H_SWEEP, 128, 72, 5, 1);
        for (String ext : new String[] {"mp4", "gif"}) {
            Path a = dir.resolve("a." + ext);
            Path b = dir.resolve("b." + ext);
            write(a, s, v);
            Thread.sleep(1100); // container times have one-second resolution
            write(b, s, v);
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), ext + " renders differ");
        }
        Path other = dir.resolve("other.gif");
        write(other, TestScenes.eightGaussians(SceneMode.BACKWARD, 1, 6), v);
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("a.gif")), Files.readAllBytes(other)),
                "another seed gives another video");
    }

    @Test
    void gifHasTheFrameCountSizeAndTotalDurationAskedFor() throws Exception {
        VideoSettings v = VideoSettings.of(VideoKind.FORWARD, 160, 90, 30, 0.5);
        Path out = dir.resolve("forward.gif");
        write(out, TestScenes.eightGaussians(SceneMode.FORWARD, 0, 1), v);
        try (ImageInputStream in = ImageIO.createImageInputStream(out.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            int n = reader.getNumImages(true);
            assertEquals(15, n);
            int centiseconds = 0;
            for (int k = 0; k < n; k++) {
                assertEquals(160, reader.getWidth(k));
                assertEquals(90, reader.getHeight(k));
                IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(k).getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode gce = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
                centiseconds += Integer.parseInt(gce.getAttribute("delayTime"));
            }
            assertEquals(50, centiseconds, "15 frames at 30 fps last exactly half a second (delays 3, 4, 3, ...)");
            // forward noising: the first frame (data) and the last (noise) differ
            assertTrue(meanAbsoluteDifference(reader.read(0), reader.read(n - 1)) > 1);
        }
    }

    @Test
    void cancellingStopsBetweenFramesAndLeavesNoFile() {
        Path out = dir.resolve("cancelled.mp4");
        AtomicInteger reports = new AtomicInteger();
        Cancellation cancelAfterTwoFrames = () -> reports.get() >= 2;
        assertThrows(CancellationException.class, () -> VideoExport.write(out,
                TestScenes.eightGaussians(SceneMode.FORWARD, 0, 1), VideoSettings.of(VideoKind.FORWARD, 64, 64, 10, 2),
                THEME, SceneOverlays.NONE, Existing.REFUSE, (f, m) -> reports.incrementAndGet(), cancelAfterTwoFrames));
        assertEquals(2, reports.get());
        assertNoFilesIn(dir);
    }

    @Test
    void anUnwritableFolderOrAnExistingFileGivesAClearMessageAndWritesNothing() throws Exception {
        Path notAFolder = dir.resolve("plain-file");
        Files.writeString(notAFolder, "x");
        AtomicFiles.WriteException e = assertThrows(AtomicFiles.WriteException.class,
                () -> write(notAFolder.resolve("v.mp4"), TestScenes.eightGaussians(SceneMode.FORWARD, 0, 1),
                        VideoSettings.of(VideoKind.FORWARD, 64, 64, 4, 1)));
        assertTrue(e.getMessage().contains("is not a folder"), e.getMessage());
        Path existing = dir.resolve("keep.gif");
        Files.writeString(existing, "precious");
        assertThrows(AtomicFiles.ExistsException.class, () -> write(existing,
                TestScenes.eightGaussians(SceneMode.FORWARD, 0, 1), VideoSettings.of(VideoKind.FORWARD, 64, 64, 4, 1)));
        assertEquals("precious", Files.readString(existing));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left");
        }
    }

    @Test
    void settingsAreCheckedWithMessages() {
        assertTrue(VideoSettings.problem(VideoKind.FORWARD, 1921, 1080, 30, 5, 0, 3).contains("even"));
        assertTrue(VideoSettings.problem(VideoKind.FORWARD, 1920, 1080, 0, 5, 0, 3).contains("frames per second"));
        assertTrue(VideoSettings.problem(VideoKind.FORWARD, 1920, 1080, 30, 1e9, 0, 3).contains("duration"));
        assertTrue(VideoSettings.problem(VideoKind.FORWARD, 1920, 1080, 30, Double.NaN, 0, 3).contains("duration"));
        assertEquals(null, VideoSettings.problem(VideoKind.H_SWEEP, 1920, 1080, 30, 6, 0, 3));
        assertEquals(180, VideoSettings.of(VideoKind.FORWARD, 1920, 1080, 30, 6).frames());
    }

    static void assertNoFilesIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "the folder should be empty");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static double meanAbsoluteDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 255) - ((q >> shift) & 255));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }
}
