package io.aibatch.simulator;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/** Small real documents made in memory. */
public final class TestDocuments {

    private TestDocuments() {}

    /** A real PNG; {@code shade} makes different images of the same size. */
    public static byte[] png(int width, int height, int shade) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y += 7) {
            for (int x = 0; x < width; x += 5) {
                img.setRGB(x, y, (shade * 7919 + x * 31 + y) & 0xFFFFFF);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A structurally plausible PDF with {@code pages} page objects on US-letter media boxes. */
    public static byte[] pdf(int pages, String marker) {
        StringBuilder sb = new StringBuilder("%PDF-1.4\n");
        sb.append("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
        sb.append("2 0 obj << /Type /Pages /Count ").append(pages).append(" /Kids [");
        for (int i = 0; i < pages; i++) {
            sb.append(3 + i).append(" 0 R ");
        }
        sb.append("] >> endobj\n");
        for (int i = 0; i < pages; i++) {
            sb.append(3 + i).append(" 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\n");
        }
        sb.append("% ").append(marker).append("\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A real 16 kHz mono 16-bit PCM WAV of the given length; {@code tone} makes different files. */
    public static byte[] wav(double seconds, int tone) {
        int rate = 16_000;
        int samples = (int) Math.round(seconds * rate);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + samples * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(36 + samples * 2)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(rate)
                .putInt(rate * 2)
                .putShort((short) 2)
                .putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (Math.sin(i * (tone + 1) * 0.01) * 8000));
        }
        return b.array();
    }
}
