package io.aibatch.document;

/**
 * Guards against inputs that would exhaust memory or time.
 *
 * @param maxBytes      largest file accepted, in bytes
 * @param maxPixels     largest image (width × height) decoded, per page
 * @param maxPages      most pages read from one document
 * @param renderDpi     resolution at which scanned PDF pages are rendered for OCR
 * @param minTextLayerChars a PDF page whose text layer has at least this many non-blank characters
 *                      uses that text instead of OCR
 */
public record DocumentLimits(long maxBytes, long maxPixels, int maxPages, int renderDpi, int minTextLayerChars) {

    public static DocumentLimits defaults() {
        return new DocumentLimits(64L * 1024 * 1024, 40_000_000L, 200, 300, 16);
    }

    public DocumentLimits {
        if (maxBytes <= 0 || maxPixels <= 0 || maxPages <= 0 || renderDpi < 72) {
            throw new IllegalArgumentException("document limits must be positive (and renderDpi >= 72): " + this);
        }
    }
}
