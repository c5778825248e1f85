package org.diffusionplayground.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * window is involved; several parts (a lesson's steps) make one file. Frame-exact (round(fps · seconds) frames, each at its own time) and deterministic:
 * the same state and settings give the same bytes. Progress is reported per frame; cancelling stops
 * between frames and, like any failure, leaves no file behind.
 */
public final class VideoExport {

    private VideoExport() {
    }

    /**
     * One part of a video made of several (a lesson: a part per step), each with its own scene, kind,
     * duration and theme; every part has the size and frame rate of the first.
     */
    public record Part(SceneState state, VideoSettings settings, Theme theme, SceneOverlays overlays) {
    }

    public static void write(Path target, SceneState state, VideoSettings settings, Theme theme,
            SceneOverlays overlays, Existing existing, ProgressListener progress, Cancellation cancel)
            throws IOException {
        write(target, List.of(new Part(state, settings, theme, overlays)), existing, progress, cancel);
    }

    /** The parts one after the other in one file; progress runs over all of them. */
    public static void write(Path target, List<Part> parts, Existing existing, ProgressListener progress,
            Cancellation cancel) throws IOException {
        VideoFormat format = VideoFormat.ofPath(target);
        if (format == null) {
            throw new IOException(target.getFileName() + ": choose a file ending in .mp4 or .gif");
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a video needs at least one part");
        }
        VideoSettings first = parts.get(0).settings();
        for (Part part : parts) {
            VideoSettings v = part.settings();
            if (v.width() != first.width() || v.height() != first.height() || v.fps() != first.fps()) {
                throw new IllegalArgumentException("every part of a video needs the same size and frame rate: "
                        + first.width() + "×" + first.height() + " at " + first.fps() + " fps");
            }
        }
        if (format == VideoFormat.GIF && first.fps() > VideoFormat.MAX_GIF_FPS) {
            throw new IllegalArgumentException("a GIF plays at most " + VideoFormat.MAX_GIF_FPS
                    + " frames per second; choose a lower rate or MP4");
        }
        ProgressListener p = progress != null ? progress : ProgressListener.NONE;
        List<SceneFrames.Video> videos = new ArrayList<>();
        int total = 0;
        for (Part part : parts) {
            SceneFrames.Video v = new SceneFrames(part.state(), first.width(), first.height(), part.theme(),
                    part.overlays()).video(part.settings());
            videos.add(v);
            total += v.frames();
        }
        int allFrames = total;
        AtomicFiles.check(target, existing);
        AtomicFiles.write(target, existing, tmp -> {
            FrameRenderer renderer = new FrameRenderer(first.width(), first.height());
            BufferedImage rgb = null;
            int done = 0;
            try (VideoWriter writer = format == VideoFormat.MP4 ? new Mp4Writer(tmp, first.fps())
                    : new GifWriter(tmp, first.fps())) {
                for (int i = 0; i < videos.size(); i++) {
                    SceneFrames.Video video = videos.get(i);
                    double from = (double) done / allFrames;
                    double share = (double) video.frames() / allFrames;
                    double prep = video.preparationShare();
                    video.prepare(SceneFrames.scaled(p, from, share * prep), cancel);
                    String part = videos.size() > 1 ? String.format(Locale.ROOT, "part %d of %d, ", i + 1,
                            videos.size()) : "";
                    for (int k = 0; k < video.frames(); k++) {
                        cancel.check();
                        renderer.render(video.frame(k, cancel), parts.get(i).theme(), false);
                        rgb = renderer.rgb(rgb);
                        writer.add(rgb);
                        p.progress(from + share * (prep + (1 - prep) * (k + 1) / video.frames()),
                                String.format(Locale.ROOT, "%sframe %d of %d", part, k + 1, video.frames()));
                    }
                    done += video.frames();
                }
                writer.finish();
            }
        });
    }
}
