package org.diffusionplayground.export;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.diffusionplayground.model.util.AtomicFiles;
import org.diffusionplayground.model.util.AtomicFiles.Existing;
import org.diffusionplayground.render.FrameRenderer;
import org.diffusionplayground.render.SceneFrame;
import org.diffusionplayground.render.Theme;
import org.jfree.chart.JFreeChart;
import org.jfree.pdf.PDFDocument;
import org.jfree.pdf.PDFGraphics2D;
import org.jfree.pdf.PDFHints;
import org.jfree.pdf.Page;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;

/**
 * Writes pictures of the scene and of charts: PNG from the same raster path as the screen, SVG
 * (JFreeSVG) and PDF (OrsonPDF) as vectors, where every particle is a circle and every trail and
 * arrow a path. Text in SVG and PDF is drawn as glyph outlines, so the bundled fonts (and 𝔥, which
 * only the math font has) look the same in any viewer. Every file is written atomically
 * ({@link AtomicFiles}): a failure leaves no partial file.
 */
public final class ImageExport {

    /** Largest side of an exported picture: 8K is more than any projector or journal asks for. */
    public static final int MAX_SIDE = 8192;

    private ImageExport() {
    }

    /** Checks a requested picture size; returns a message for the user, or null when it is fine. */
    public static String checkSize(int width, int height) {
        if (width < 16 || height < 16 || width > MAX_SIDE || height > MAX_SIDE) {
            return "image size must be between 16 and " + MAX_SIDE + " pixels per side, got " + width + "×" + height;
        }
        return null;
    }

    /** The scene frame to a file in the format its extension names. */
    public static void writeScene(Path target, SceneFrame frame, int width, int height, Theme theme,
            boolean transparent, Existing existing) throws IOException {
        ImageFormat format = requireFormat(target);
        requireSize(width, height);
        if (format == ImageFormat.PNG) {
            FrameRenderer r = new FrameRenderer(width, height);
            writePng(target, r.render(frame, theme, transparent).image(), transparent, existing);
        } else {
            writeVector(target, format, width, height, "Diffusion Playground scene",
                    g -> frame.paintVector(g, width, height, theme, transparent), existing);
        }
    }

    /**
     * A chart to a file in the format its extension names. A transparent export leaves the chart's and the
     * plot's backgrounds out for that drawing only. Call it on the thread that owns the chart.
     */
    public static void writeChart(Path target, JFreeChart chart, int width, int height, boolean transparent,
            Existing existing) throws IOException {
        ImageFormat format = requireFormat(target);
        requireSize(width, height);
        Consumer<Graphics2D> draw = g -> {
            java.awt.Paint chartBg = chart.getBackgroundPaint();
            java.awt.Paint plotBg = chart.getPlot().getBackgroundPaint();
            if (transparent) {
                chart.setBackgroundPaint(null);
                chart.getPlot().setBackgroundPaint(null);
            }
            try {
                chart.draw(g, new Rectangle(0, 0, width, height));
            } finally {
                if (transparent) {
                    chart.setBackgroundPaint(chartBg);
                    chart.getPlot().setBackgroundPaint(plotBg);
                }
            }
        };
        if (format == ImageFormat.PNG) {
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = img.createGraphics();
            try {
                draw.accept(g);
            } finally {
                g.dispose();
            }
            writePng(target, img, transparent, existing);
        } else {
            String title = chart.getTitle() != null ? chart.getTitle().getText() : "Diffusion Playground chart";
            writeVector(target, format, width, height, title, draw, existing);
        }
    }

    /** A raster picture as PNG: with its alpha channel when transparent, else as opaque RGB (smaller). */
    public static void writePng(Path target, BufferedImage image, boolean transparent, Existing existing)
            throws IOException {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(),
                transparent ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, 0, 0, null); // also un-premultiplies the canvas's alpha
        } finally {
            g.dispose();
        }
        AtomicFiles.write(target, existing, tmp -> {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                if (!ImageIO.write(out, "png", os)) {
                    throw new IOException("this Java runtime has no PNG writer");
                }
            }
        });
    }

    /** Vector drawing to SVG or PDF, text as outlines. */
    public static void writeVector(Path target, ImageFormat format, int width, int height, String title,
            Consumer<Graphics2D> painter, Existing existing) throws IOException {
        byte[] bytes;
        if (format == ImageFormat.SVG) {
            SVGGraphics2D g = new SVGGraphics2D(width, height);
            g.setRenderingHint(SVGHints.KEY_DRAW_STRING_TYPE, SVGHints.VALUE_DRAW_STRING_TYPE_VECTOR);
            painter.accept(g);
            bytes = g.getSVGDocument().getBytes(StandardCharsets.UTF_8);
        } else if (format == ImageFormat.PDF) {
            PDFDocument doc = new PDFDocument();
            doc.setTitle(title);
            doc.setAuthor("Diffusion Playground");
            Page page = doc.createPage(new Rectangle(0, 0, width, height));
            PDFGraphics2D g = page.getGraphics2D();
            g.setRenderingHint(PDFHints.KEY_DRAW_STRING_TYPE, PDFHints.VALUE_DRAW_STRING_TYPE_VECTOR);
            painter.accept(g);
            bytes = doc.getPDFBytes();
        } else {
            throw new IllegalArgumentException(format + " is not a vector format");
        }
        AtomicFiles.write(target, bytes, existing);
    }

    private static ImageFormat requireFormat(Path target) throws IOException {
        ImageFormat f = ImageFormat.ofPath(target);
        if (f == null) {
            throw new IOException(target.getFileName() + ": choose a file ending in .png, .svg or .pdf");
        }
        return f;
    }

    private static void requireSize(int width, int height) {
        String problem = checkSize(width, height);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }
}
