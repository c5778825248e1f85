package org.diffusionplayground.export;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.font.FontRenderContext;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.diffusionplayground.model.util.AtomicFiles;
import org.diffusionplayground.model.util.AtomicFiles.Existing;
import org.diffusionplayground.render.Fonts;
import org.diffusionplayground.render.SceneFrame;
import org.diffusionplayground.render.Theme;
import org.jfree.pdf.PDFDocument;
import org.jfree.pdf.PDFGraphics2D;
import org.jfree.pdf.PDFHints;
import org.jfree.pdf.Page;

/**
 * A handout as a PDF: one page per picture, the scene drawn as vectors (as {@link ImageExport} does) and its
 * title and caption under it, wrapped to the page's width, on white so it prints. Written atomically.
 */
public final class Handout {

    /**
     * One page of a handout.
     *
     * @param theme the theme the scene is drawn in
     */
    public record Sheet(SceneFrame frame, Theme theme, String title, String caption) {
    }

    private static final FontRenderContext FRC = new FontRenderContext(new AffineTransform(), true, true);

    private Handout() {
    }

    /** Writes the sheets as a PDF of pictures {@code width × height} with their captions below. */
    public static void write(Path target, String title, List<Sheet> sheets, int width, int height,
            Existing existing) throws IOException {
        if (sheets.isEmpty()) {
            throw new IllegalArgumentException("a handout needs at least one page");
        }
        String problem = ImageExport.checkSize(width, height);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        float size = width / 64f; // a caption a reader can take in at arm's length on A4 landscape
        float margin = size * 1.5f;
        PDFDocument doc = new PDFDocument();
        doc.setTitle(title);
        doc.setAuthor("Diffusion Playground");
        for (Sheet s : sheets) {
            List<TextLayout> lines = lines(s.caption(), size, width - 2 * margin);
            float textHeight = size * 1.6f;
            for (TextLayout l : lines) {
                textHeight += l.getAscent() + l.getDescent() + l.getLeading();
            }
            int pageHeight = (int) Math.ceil(height + 2 * margin + textHeight);
            Page page = doc.createPage(new Rectangle(0, 0, width, pageHeight));
            PDFGraphics2D g = page.getGraphics2D();
            g.setRenderingHint(PDFHints.KEY_DRAW_STRING_TYPE, PDFHints.VALUE_DRAW_STRING_TYPE_VECTOR);
            g.setColor(Color.WHITE);
            g.fill(new Rectangle2D.Double(0, 0, width, pageHeight));
            s.frame().paintVector(g, width, height, s.theme(), false);
            drawText(g, s.title(), lines, size, margin, height + margin);
        }
        byte[] bytes = doc.getPDFBytes();
        AtomicFiles.write(target, bytes, existing);
    }

    private static void drawText(Graphics2D g, String title, List<TextLayout> lines, float size, float x, float top) {
        g.setColor(Color.BLACK);
        float y = top + size * 1.2f;
        Fonts.draw(g, title, size * 1.2f, true, x, y);
        y += size * 0.4f;
        for (TextLayout l : lines) {
            y += l.getAscent();
            l.draw(g, x, y);
            y += l.getDescent() + l.getLeading();
        }
    }

    /** The caption broken into lines of at most {@code width}, with the math font where sans lacks a glyph. */
    static List<TextLayout> lines(String text, float size, float width) {
        List<TextLayout> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        var iterator = Fonts.styled(text, size, false).getIterator();
        LineBreakMeasurer m = new LineBreakMeasurer(iterator, FRC);
        while (m.getPosition() < iterator.getEndIndex()) {
            out.add(m.nextLayout(width));
        }
        return out;
    }
}
