package io.aibatch.document;

/**
 * Guards against inputs that would exhaust memory or time.
 *
 * @param maxBytes          largest file accepted, in bytes
 * @param maxPixels         largest image (width × height) decoded: per page, and per image embedded in a PDF
 * @param maxPages          most pages rendered or decoded as images for OCR from one document (the expensive kind)
 * @param renderDpi         resolution at which scanned PDF pages are rendered for OCR
 * @param minTextLayerChars a PDF page whose text layer has at least this many non-blank characters
 *                          uses that text instead of OCR
 * @param maxTextPages      most pages a PDF may have at all; pages read from a text layer are cheap, so this is far
 *                          above {@code maxPages}
 * @param maxDecodedBytes   largest decoded stream or raster, in bytes: a compressed stream or image that would
 *                          expand beyond it is refused before it is decoded (decompression bombs)
 */
public record DocumentLimits(
        long maxBytes,
        long maxPixels,
        int maxPages,
        int renderDpi,
        int minTextLayerChars,
        int maxTextPages,
        long maxDecodedBytes) {

    public static final int DEFAULT_MAX_TEXT_PAGES = 5000;
    public static final long DEFAULT_MAX_DECODED_BYTES = 160L * 1024 * 1024;

    public static DocumentLimits defaults() {
        return new DocumentLimits(64L * 1024 * 1024, 40_000_000L, 200, 300, 16);
    }

    public DocumentLimits(long maxBytes, long maxPixels, int maxPages, int renderDpi, int minTextLayerChars) {
        this(
                maxBytes,
                maxPixels,
                maxPages,
                renderDpi,
                minTextLayerChars,
                Math.max(maxPages, DEFAULT_MAX_TEXT_PAGES),
                DEFAULT_MAX_DECODED_BYTES);
    }

    public DocumentLimits {
        if (maxBytes <= 0
                || maxPixels <= 0
                || maxPages <= 0
                || renderDpi < 72
                || maxTextPages <= 0
                || maxDecodedBytes <= 0) {
            throw new IllegalArgumentException(
                    "document limits must be positive (and renderDpi >= 72): " + maxBytes + " bytes, "
                            + maxPixels + " pixels, " + maxPages + " pages, " + renderDpi + " dpi, " + maxTextPages
                            + " text pages, "
                            + maxDecodedBytes + " decoded bytes");
        }
    }
}
