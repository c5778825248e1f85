package org.diffusionplayground.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.diffusionplayground.model.util.AtomicFiles.Existing;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.render.SceneFrame;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.scene.SceneMode;
import org.diffusionplayground.scene.SceneOverlays;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pictures of the scene and of charts: sizes, transparency, and vectors that are vectors. */
class ImageExportTest {

    @TempDir
    Path dir;

    private static SceneFrame frame(int w, int h, Theme theme) {
        return new SceneFrames(TestScenes.eightGaussians(SceneMode.FORWARD, 0.2, 1), w, h, theme, SceneOverlays.NONE)
                .still(null, Cancellation.NEVER);
    }

    @Test
    void aTransparentPngHasNoBackgroundAndAThemedOneHasTheThemesColour() throws Exception {
        Theme theme = Theme.DARK;
        Path clear = dir.resolve("clear.png");
        Path themed = dir.resolve("themed.png");
        ImageExport.writeScene(clear, frame(400, 300, theme), 400, 300, theme, true, Existing.REFUSE);
        ImageExport.writeScene(themed, frame(400, 300, theme), 400, 300, theme, false, Existing.REFUSE);
        BufferedImage a = ImageIO.read(clear.toFile());
        BufferedImage b = ImageIO.read(themed.toFile());
        assertEquals(400, a.getWidth());
        assertEquals(300, a.getHeight());
        assertTrue(a.getColorModel().hasAlpha());
        int clearPixels = 0;
        int x = -1;
        int y = -1;
        for (int j = 0; j < 300; j++) {
            for (int i = 0; i < 400; i++) {
                if (a.getRGB(i, j) >>> 24 == 0) {
                    clearPixels++;
                    x = i;
                    y = j;
                }
            }
        }
        assertTrue(clearPixels > 400 * 300 / 2, "most of a transparent picture is see-through: " + clearPixels);
        assertEquals(theme.background().getRGB() & 0xFFFFFF, b.getRGB(x, y) & 0xFFFFFF, "themed: the background");
        assertFalse(b.getColorModel().hasAlpha(), "an opaque picture is written without alpha");
    }

    @Test
    void theSceneAsSvgAndPdfIsVectorsWithTextAsOutlines() throws Exception {
        Theme theme = Theme.LIGHT;
        Path svg = dir.resolve("scene.svg");
        Path pdf = dir.resolve("scene.pdf");
        SceneFrame f = frame(800, 450, theme);
        ImageExport.writeScene(svg, f, 800, 450, theme, false, Existing.REFUSE);
        ImageExport.writeScene(pdf, f, 800, 450, theme, false, Existing.REFUSE);
        String text = Files.readString(svg);
        assertFalse(text.contains("<image"), "no raster inside");
        assertFalse(text.contains("<text"), "text is drawn as glyph outlines (𝔥 needs the bundled math font)");
        int shapes = text.split("<ellipse|<circle").length - 1;
        assertTrue(shapes >= f.panes().get(0).particleCount(), "a shape per particle: " + shapes);
        String head = new String(Files.readAllBytes(pdf), 0, 8, StandardCharsets.ISO_8859_1);
        assertTrue(head.startsWith("%PDF-"), head);
        assertFalse(Files.readString(pdf, StandardCharsets.ISO_8859_1).contains("/Subtype /Image"));
    }

    @Test
    void chartsExportToPngSvgAndPdf() throws Exception {
        XYSeries s = new XYSeries("NLL");
        for (int i = 0; i <= 30; i++) {
            s.add(i / 10.0, 1.4 - 0.1 * i / 10.0);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Negative log-likelihood versus 𝔥", "𝔥", "NLL",
                new XYSeriesCollection(s));
        java.awt.Paint before = chart.getBackgroundPaint();
        for (String name : new String[] {"chart.png", "chart.svg", "chart.pdf"}) {
            ImageExport.writeChart(dir.resolve(name), chart, 640, 400, true, Existing.REFUSE);
        }
        assertEquals(before, chart.getBackgroundPaint(), "a transparent export leaves the chart as it was");
        BufferedImage png = ImageIO.read(dir.resolve("chart.png").toFile());
        assertEquals(640, png.getWidth());
        assertEquals(0, png.getRGB(2, 2) >>> 24, "transparent corner");
        assertTrue(Files.readString(dir.resolve("chart.svg")).contains("<svg"));
        assertTrue(Files.size(dir.resolve("chart.pdf")) > 1000);
    }
}
