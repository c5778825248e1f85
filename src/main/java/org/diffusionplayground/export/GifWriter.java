package org.diffusionplayground.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * An animated GIF through ImageIO's GIF writer (it builds each frame's 256-colour palette), looping
 * forever. GIF delays are whole hundredths of a second, so frame k waits
 * round(100 (k+1) / fps) − round(100 k / fps) of them: the total duration is exact even when 100 / fps
 * is not a whole number.
 */
final class GifWriter implements VideoWriter {

    private final ImageWriter writer;
    private final ImageOutputStream out;
    private final int fps;
    private int frame;

    GifWriter(Path file, int fps) throws IOException {
        if (fps > VideoFormat.MAX_GIF_FPS) {
            throw new IllegalArgumentException("GIF frame rates above " + VideoFormat.MAX_GIF_FPS
                    + " fps play slower in browsers; choose at most " + VideoFormat.MAX_GIF_FPS);
        }
        this.fps = fps;
        this.writer = ImageIO.getImageWritersByFormatName("gif").next();
        this.out = ImageIO.createImageOutputStream(file.toFile());
        if (out == null) {
            throw new IOException("cannot open " + file + " for writing");
        }
        writer.setOutput(out);
        writer.prepareWriteSequence(null);
    }

    /** Delay of frame k in hundredths of a second. */
    static int delay(int k, int fps) {
        return (int) (Math.round(100.0 * (k + 1) / fps) - Math.round(100.0 * k / fps));
    }

    @Override
    public void add(BufferedImage rgbFrame) throws IOException {
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(rgbFrame), param);
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("transparentColorIndex", "0");
        gce.setAttribute("delayTime", Integer.toString(delay(frame, fps)));
        if (frame == 0) {
            // NETSCAPE2.0 application extension: loop count 0 = forever
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0});
            apps.appendChild(app);
        }
        meta.setFromTree(format, root);
        writer.writeToSequence(new IIOImage(rgbFrame, null, meta), param);
        frame++;
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    @Override
    public void finish() throws IOException {
        writer.endWriteSequence();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        writer.dispose();
        out.close();
    }
}
