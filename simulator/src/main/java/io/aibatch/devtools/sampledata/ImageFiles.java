package io.aibatch.devtools.sampledata;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Encodes images with ImageIO's built-in writers. Neither writer adds a time stamp (the PNG writer
 * writes a tIME chunk only when given metadata that asks for one), so equal pixels give equal bytes.
 */
final class ImageFiles {

    /** High enough that text edges stay crisp for OCR, low enough to keep a page well under 1 MB. */
    static final float JPEG_QUALITY = 0.9f;

    private ImageFiles() {}

    static void writePng(BufferedImage image, Path file) throws IOException {
        Files.write(file, png(image));
    }

    static byte[] png(BufferedImage image) throws IOException {
        return encode(image, "png", null);
    }

    static void writeJpeg(BufferedImage image, Path file) throws IOException {
        Files.write(file, jpeg(image));
    }

    static byte[] jpeg(BufferedImage image) throws IOException {
        return encode(image, "jpeg", JPEG_QUALITY);
    }

    private static byte[] encode(BufferedImage image, String format, Float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = bytes;
                ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (quality != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
