package io.aibatch.document;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Files built to hurt a document decoder, each small on disk: decompression bombs, images that announce
 * billions of pixels, structures that loop, a file that claims gigabytes. Generated on the fly so the
 * repository holds no binary fixtures. {@link #expectedCodes()} says which dead-letter code each must get.
 */
public final class HostileFiles {

    private HostileFiles() {}

    /** File name → the dead-letter code the document pipeline must give it. */
    public static Map<String, String> expectedCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("png-bomb.png", "too-many-pixels");
        codes.put("tiff-bomb.tif", "too-many-pixels");
        codes.put("tiff-ifd-loop.tif", "corrupt-image");
        codes.put("jpeg-huge-sof.jpg", "too-many-pixels");
        codes.put("pdf-image-bomb.pdf", "too-many-pixels");
        codes.put("pdf-content-bomb.pdf", "decompression-bomb");
        codes.put("encrypted.pdf", "encrypted-pdf");
        codes.put("page-tree-cycle.pdf", "corrupt-pdf");
        codes.put("ten-thousand-pages.pdf", "too-many-pages");
        codes.put("sparse-4g.pdf", "too-large");
        return codes;
    }

    /** Writes every hostile file into {@code dir}; the sparse file takes no space on disk. */
    public static void writeAll(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("png-bomb.png"), pngBomb());
        Files.write(dir.resolve("tiff-bomb.tif"), tiffBomb());
        Files.write(dir.resolve("tiff-ifd-loop.tif"), tiffIfdLoop());
        Files.write(dir.resolve("jpeg-huge-sof.jpg"), jpegHugeSof());
        Files.write(dir.resolve("pdf-image-bomb.pdf"), pdfImageBomb());
        Files.write(dir.resolve("pdf-content-bomb.pdf"), pdfContentBomb());
        Files.write(dir.resolve("encrypted.pdf"), encryptedPdf());
        Files.write(dir.resolve("page-tree-cycle.pdf"), pageTreeCycle());
        Files.write(dir.resolve("ten-thousand-pages.pdf"), tenThousandPages());
        try (RandomAccessFile sparse =
                new RandomAccessFile(dir.resolve("sparse-4g.pdf").toFile(), "rw")) {
            sparse.write("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
            sparse.setLength(4L << 30);
        }
    }

    /** A 20000 × 20000 grey PNG of zeros: 400 MB of pixels in about 400 KB. */
    public static byte[] pngBomb() throws IOException {
        int side = 20_000;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(
                out,
                "IHDR",
                ByteBuffer.allocate(13)
                        .putInt(side)
                        .putInt(side)
                        .put((byte) 8)
                        .put((byte) 0)
                        .put((byte) 0)
                        .put((byte) 0)
                        .put((byte) 0)
                        .array());
        chunk(out, "IDAT", deflatedZeros((long) side * (side + 1)));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A 20000 × 20000 grey TIFF whose one Deflate strip is 400 MB of zeros. */
    public static byte[] tiffBomb() throws IOException {
        int side = 20_000;
        byte[] strip = deflatedZeros((long) side * side);
        return tiff(side, side, 8, strip, 1, false);
    }

    /** A two-page TIFF whose second directory points back to the first: ImageIO's page count never returns. */
    public static byte[] tiffIfdLoop() throws IOException {
        return tiff(16, 16, 1, new byte[256], 2, true);
    }

    /** A small real JPEG whose frame header (SOF0) is patched to 60000 × 60000 pixels. */
    public static byte[] jpegHugeSof() throws IOException {
        byte[] jpeg = TestDocuments.encode(TestDocuments.page(List.of("huge"), 20), "jpg");
        for (int i = 0; i + 8 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                // 60000 × 60000: below the JPEG reader's own 65500 cap, so only the pixel limit can refuse it
                jpeg[i + 5] = (byte) 0xEA;
                jpeg[i + 6] = (byte) 0x60;
                jpeg[i + 7] = (byte) 0xEA;
                jpeg[i + 8] = (byte) 0x60;
                return jpeg;
            }
        }
        throw new IllegalStateException("no SOF0 marker in the JPEG ImageIO wrote");
    }

    /** One A4 page showing a 26000 × 26000 RGB image: 2 GB of pixels Flate-compressed to about 2 MB. */
    public static byte[] pdfImageBomb() throws IOException {
        int side = 26_000;
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDImageXObject image = new PDImageXObject(
                    document,
                    new ByteArrayInputStream(deflatedZeros(3L * side * side)),
                    COSName.FLATE_DECODE,
                    side,
                    side,
                    8,
                    PDDeviceRGB.INSTANCE);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawImage(image, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
            }
            return save(document);
        }
    }

    /** One page whose content stream inflates to 512 MB of spaces (a valid, empty content stream). */
    public static byte[] pdfContentBomb() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            COSStream stream = document.getDocument().createCOSStream();
            stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
            try (OutputStream raw = stream.createRawOutputStream()) {
                raw.write(deflated((byte) ' ', 512L << 20));
            }
            page.setContents(new PDStream(stream));
            return save(document);
        }
    }

    public static byte[] encryptedPdf() throws IOException {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage(PDRectangle.A4));
            StandardProtectionPolicy policy =
                    new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            return save(document);
        }
    }

    /** A page tree whose intermediate node lists the root as its kid. */
    public static byte[] pageTreeCycle() {
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 2 >>",
            "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"
        };
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        int[] offsets = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = pdf.length();
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ")
                .append(objects.length + 1)
                .append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] tenThousandPages() throws IOException {
        try (PDDocument document = new PDDocument()) {
            for (int i = 0; i < 10_000; i++) {
                document.addPage(new PDPage(PDRectangle.A4));
            }
            return save(document);
        }
    }

    private static byte[] deflatedZeros(long length) {
        return deflated((byte) 0, length);
    }

    /** zlib data that inflates to {@code length} copies of {@code value}. */
    private static byte[] deflated(byte value, long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] block = new byte[1 << 20];
        java.util.Arrays.fill(block, value);
        try (DeflaterOutputStream deflate =
                new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
            for (long left = length; left > 0; left -= block.length) {
                deflate.write(block, 0, (int) Math.min(block.length, left));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /**
     * A little-endian grey TIFF of {@code pages} directories sharing one strip; with {@code loop} the last
     * directory's next-offset points back to the first.
     */
    private static byte[] tiff(int width, int height, int compression, byte[] strip, int pages, boolean loop) {
        int entries = 9;
        int ifdSize = 2 + entries * 12 + 4;
        int stripOffset = 8 + pages * ifdSize;
        ByteBuffer b = ByteBuffer.allocate(stripOffset + strip.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        for (int page = 0; page < pages; page++) {
            b.putShort((short) entries);
            entry(b, 256, 4, width);
            entry(b, 257, 4, height);
            entry(b, 258, 3, 8);
            entry(b, 259, 3, compression);
            entry(b, 262, 3, 1);
            entry(b, 273, 4, stripOffset);
            entry(b, 277, 3, 1);
            entry(b, 278, 4, height);
            entry(b, 279, 4, strip.length);
            boolean last = page == pages - 1;
            b.putInt(last ? (loop ? 8 : 0) : 8 + (page + 1) * ifdSize);
        }
        b.put(strip);
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(typeBytes);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }
}
