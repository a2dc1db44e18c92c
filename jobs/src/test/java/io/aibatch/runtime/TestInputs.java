package io.aibatch.runtime;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Many small, distinct, valid scans for tests that need volume rather than OCR quality. */
final class TestInputs {

    private TestInputs() {}

    static Path tinyScans(Path directory, int count) throws IOException {
        Files.createDirectories(directory);
        for (int i = 0; i < count; i++) {
            Files.write(directory.resolve("scan-%05d.png".formatted(i)), tinyPng(i));
        }
        return directory;
    }

    static byte[] tinyPng(int n) throws IOException {
        BufferedImage image = new BufferedImage(120, 60, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 120, 60);
        g.setColor(Color.BLACK);
        g.drawString("No " + n, 10, 35);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
