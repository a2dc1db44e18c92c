package io.aibatch.simulator.content;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cheap, parser-free inspection of uploaded documents: format from magic bytes, PDF page count from page objects,
 * image size from headers. Cheap on purpose: the simulator must stay fast at 128+ concurrent requests.
 */
public final class DocumentInspector {

    /** A page object; "/Type /Pages" (the page tree) must not count, hence the negative look-ahead. */
    private static final Pattern PDF_PAGE = Pattern.compile("/Type\\s*/Page(?![A-Za-z])");

    private static final Pattern PDF_COUNT = Pattern.compile("/Count\\s+(\\d+)");
    private static final Pattern PDF_MEDIA_BOX =
            Pattern.compile("/MediaBox\\s*\\[\\s*(-?[\\d.]+)\\s+(-?[\\d.]+)\\s+(-?[\\d.]+)\\s+(-?[\\d.]+)\\s*]");
    private static final double LETTER_WIDTH_IN = 8.5;
    private static final double LETTER_HEIGHT_IN = 11;
    /** Size used when an image header cannot be read: a letter page scanned at 200 dpi. */
    private static final int DEFAULT_WIDTH_PX = 1700;

    private static final int DEFAULT_HEIGHT_PX = 2200;

    private DocumentInspector() {}

    public static DocumentFormat detect(byte[] b) {
        if (startsWith(b, 0x25, 0x50, 0x44, 0x46)) { // %PDF
            return DocumentFormat.PDF;
        }
        if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
            return DocumentFormat.JPEG;
        }
        if (startsWith(b, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
            return DocumentFormat.PNG;
        }
        if (startsWith(b, 0x42, 0x4D) && b.length > 26) { // BM
            return DocumentFormat.BMP;
        }
        if (startsWith(b, 0x49, 0x49, 0x2A, 0x00) || startsWith(b, 0x4D, 0x4D, 0x00, 0x2A)) {
            return DocumentFormat.TIFF;
        }
        return DocumentFormat.UNKNOWN;
    }

    /**
     * Why the bytes cannot be a complete document, or null when they look complete. Real services decode the
     * whole input and reject damaged files; checking the trailer (IEND, EOI, %%EOF) catches truncation at no cost.
     */
    public static String damage(byte[] b, DocumentFormat format) {
        return switch (format) {
            case PNG -> tailContains(b, 16, "IEND") ? null : "the PNG data is truncated (no IEND chunk)";
            case JPEG ->
                tailContainsBytes(b, 32, (byte) 0xFF, (byte) 0xD9)
                        ? null
                        : "the JPEG data is truncated (no end-of-image marker)";
            // page objects may sit in compressed object streams, so only the trailer is a reliable sign
            case PDF -> tailContains(b, 1024, "%%EOF") ? null : "the PDF is damaged (no %%EOF trailer)";
            default -> null;
        };
    }

    private static boolean tailContains(byte[] b, int tail, String marker) {
        int from = Math.max(0, b.length - tail);
        return new String(b, from, b.length - from, StandardCharsets.ISO_8859_1).contains(marker);
    }

    private static boolean tailContainsBytes(byte[] b, int tail, byte first, byte second) {
        for (int i = Math.max(0, b.length - tail); i + 1 < b.length; i++) {
            if (b[i] == first && b[i + 1] == second) {
                return true;
            }
        }
        return false;
    }

    public static DocumentInfo inspect(byte[] b) {
        DocumentFormat format = detect(b);
        return switch (format) {
            case PDF -> pdf(b);
            case PNG -> image(format, 1, readInt(b, 16, false), readInt(b, 20, false));
            case JPEG -> jpeg(b);
            case BMP -> image(format, 1, readInt(b, 18, true), Math.abs(readInt(b, 22, true)));
            case TIFF -> tiff(b);
            case UNKNOWN -> new DocumentInfo(format, 0, 0, 0, "pixel");
        };
    }

    private static DocumentInfo pdf(byte[] b) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int pages = 0;
        Matcher m = PDF_PAGE.matcher(s);
        while (m.find()) {
            pages++;
        }
        if (pages == 0) {
            // Page objects hidden in compressed object streams: fall back to the page tree's largest /Count
            Matcher c = PDF_COUNT.matcher(s);
            while (c.find()) {
                pages = Math.max(pages, Integer.parseInt(c.group(1)));
            }
        }
        double w = LETTER_WIDTH_IN;
        double h = LETTER_HEIGHT_IN;
        Matcher box = PDF_MEDIA_BOX.matcher(s);
        if (box.find()) {
            try {
                double bw = Math.abs(Double.parseDouble(box.group(3)) - Double.parseDouble(box.group(1))) / 72.0;
                double bh = Math.abs(Double.parseDouble(box.group(4)) - Double.parseDouble(box.group(2))) / 72.0;
                if (bw > 0 && bh > 0) {
                    w = bw;
                    h = bh;
                }
            } catch (NumberFormatException ignored) {
                // keep letter size
            }
        }
        return new DocumentInfo(DocumentFormat.PDF, Math.max(1, pages), round4(w), round4(h), "inch");
    }

    private static DocumentInfo jpeg(byte[] b) {
        int i = 2;
        while (i + 9 < b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                i++;
                continue;
            }
            int marker = b[i + 1] & 0xFF;
            int len = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                int h = ((b[i + 5] & 0xFF) << 8) | (b[i + 6] & 0xFF);
                int w = ((b[i + 7] & 0xFF) << 8) | (b[i + 8] & 0xFF);
                return image(DocumentFormat.JPEG, 1, w, h);
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                i += 2;
            } else {
                i += 2 + len;
            }
        }
        return image(DocumentFormat.JPEG, 1, 0, 0);
    }

    private static DocumentInfo tiff(byte[] b) {
        boolean little = b[0] == 0x49;
        long offset = readInt(b, 4, little) & 0xFFFFFFFFL;
        int pages = 0;
        int width = 0;
        int height = 0;
        Set<Long> seen = new HashSet<>();
        while (offset > 0 && offset + 2 <= b.length && seen.add(offset) && pages < 10_000) {
            int entries = readShort(b, (int) offset, little);
            if (pages == 0) {
                for (int e = 0; e < entries; e++) {
                    int at = (int) offset + 2 + e * 12;
                    if (at + 12 > b.length) {
                        break;
                    }
                    int tag = readShort(b, at, little);
                    int type = readShort(b, at + 2, little);
                    int value = type == 3 ? readShort(b, at + 8, little) : readInt(b, at + 8, little);
                    if (tag == 256) {
                        width = value;
                    } else if (tag == 257) {
                        height = value;
                    }
                }
            }
            pages++;
            long next = (int) offset + 2 + entries * 12L;
            offset = next + 4 <= b.length ? readInt(b, (int) next, little) & 0xFFFFFFFFL : 0;
        }
        return image(DocumentFormat.TIFF, Math.max(1, pages), width, height);
    }

    private static DocumentInfo image(DocumentFormat f, int pages, int w, int h) {
        if (w <= 0 || h <= 0) {
            w = DEFAULT_WIDTH_PX;
            h = DEFAULT_HEIGHT_PX;
        }
        return new DocumentInfo(f, pages, w, h, "pixel");
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int readInt(byte[] b, int at, boolean little) {
        if (at < 0 || at + 4 > b.length) {
            return 0;
        }
        int b0 = b[at] & 0xFF, b1 = b[at + 1] & 0xFF, b2 = b[at + 2] & 0xFF, b3 = b[at + 3] & 0xFF;
        return little ? (b3 << 24) | (b2 << 16) | (b1 << 8) | b0 : (b0 << 24) | (b1 << 16) | (b2 << 8) | b3;
    }

    private static int readShort(byte[] b, int at, boolean little) {
        if (at < 0 || at + 2 > b.length) {
            return 0;
        }
        int b0 = b[at] & 0xFF, b1 = b[at + 1] & 0xFF;
        return little ? (b1 << 8) | b0 : (b0 << 8) | b1;
    }

    private static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
