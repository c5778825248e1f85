package org.diffusionplayground.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.diffusionplayground.model.util.AtomicFiles;
import org.diffusionplayground.model.util.AtomicFiles.Existing;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.ProgressListener;
import org.diffusionplayground.render.FrameRenderer;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.scene.SceneOverlays;
import org.diffusionplayground.scene.SceneState;

/**
 * Renders a video of the scene off-screen, frame by frame, into MP4 (H.264) or an animated GIF: no
 * window is involved. Frame-exact (round(fps · seconds) frames, each at its own time) and deterministic:
 * the same state and settings give the same bytes. Progress is reported per frame; cancelling stops
 * between frames and, like any failure, leaves no file behind.
 */
public final class VideoExport {

    private VideoExport() {
    }

    public static void write(Path target, SceneState state, VideoSettings settings, Theme theme,
            SceneOverlays overlays, Existing existing, ProgressListener progress, Cancellation cancel)
            throws IOException {
        VideoFormat format = VideoFormat.ofPath(target);
        if (format == null) {
            throw new IOException(target.getFileName() + ": choose a file ending in .mp4 or .gif");
        }
        if (format == VideoFormat.GIF && settings.fps() > VideoFormat.MAX_GIF_FPS) {
            throw new IllegalArgumentException("a GIF plays at most " + VideoFormat.MAX_GIF_FPS
                    + " frames per second; choose a lower rate or MP4");
        }
        ProgressListener p = progress != null ? progress : ProgressListener.NONE;
        SceneFrames.Video video = new SceneFrames(state, settings.width(), settings.height(), theme, overlays)
                .video(settings);
        AtomicFiles.check(target, existing);
        AtomicFiles.write(target, existing, tmp -> {
            double prep = video.preparationShare();
            video.prepare(SceneFrames.scaled(p, 0, prep), cancel);
            FrameRenderer renderer = new FrameRenderer(settings.width(), settings.height());
            BufferedImage rgb = null;
            int n = video.frames();
            try (VideoWriter writer = format == VideoFormat.MP4 ? new Mp4Writer(tmp, settings.fps())
                    : new GifWriter(tmp, settings.fps())) {
                for (int k = 0; k < n; k++) {
                    cancel.check();
                    renderer.render(video.frame(k, cancel), theme, false);
                    rgb = renderer.rgb(rgb);
                    writer.add(rgb);
                    p.progress(prep + (1 - prep) * (k + 1) / n,
                            String.format(Locale.ROOT, "frame %d of %d", k + 1, n));
                }
                writer.finish();
            }
        });
    }
}
