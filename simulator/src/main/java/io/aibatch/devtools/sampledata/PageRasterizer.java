package io.aibatch.devtools.sampledata;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Renders a laid-out page to an 8-bit grayscale image, the way a flatbed scan would look: black
 * anti-aliased text on white, the whole page rotated by a small skew about its centre.
 */
final class PageRasterizer {

    private final Font font;
    private final int dpi;

    PageRasterizer(Font font, int dpi) {
        this.font = font;
        this.dpi = dpi;
    }

    static int pixels(float points, int dpi) {
        return Math.round(points * dpi / 72f);
    }

    BufferedImage render(PageLayout.Page page, double skewDegrees) {
        int width = pixels(PageLayout.PAGE_WIDTH, dpi);
        int height = pixels(PageLayout.PAGE_HEIGHT, dpi);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.rotate(Math.toRadians(skewDegrees), width / 2.0, height / 2.0);
            // Draw in points so positions match the layout and the text PDF exactly.
            g.scale(dpi / 72.0, dpi / 72.0);
            g.setColor(Color.BLACK);
            for (PageLayout.TextLine line : page.lines()) {
                g.setFont(font.deriveFont(line.size()));
                g.drawString(line.text(), line.x(), line.baseline());
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}
