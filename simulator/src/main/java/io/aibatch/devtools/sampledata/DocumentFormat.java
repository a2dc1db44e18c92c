package io.aibatch.devtools.sampledata;

import java.util.Arrays;

/** How a generated document is stored on disk. */
public enum DocumentFormat {
    PNG("png", "png", false, false),
    JPEG("jpeg", "jpg", false, false),
    /** A PDF whose pages are scanned images: there is no text to extract, only pixels to OCR. */
    SCANNED_PDF("pdf-scanned", "pdf", false, true),
    /** A born-digital PDF: the text is drawn with embedded fonts and can be extracted directly. */
    TEXT_PDF("pdf-text", "pdf", true, true);

    private final String label;
    private final String extension;
    private final boolean textLayer;
    private final boolean multiPageCapable;

    DocumentFormat(String label, String extension, boolean textLayer, boolean multiPageCapable) {
        this.label = label;
        this.extension = extension;
        this.textLayer = textLayer;
        this.multiPageCapable = multiPageCapable;
    }

    public String label() {
        return label;
    }

    public String extension() {
        return extension;
    }

    public boolean hasTextLayer() {
        return textLayer;
    }

    /** A PNG or JPEG file holds one page; only PDFs can hold several. */
    public boolean multiPageCapable() {
        return multiPageCapable;
    }

    /** Accepts the label ("pdf-text") or the enum name ("TEXT_PDF"), case-insensitively. */
    public static DocumentFormat parse(String text) {
        String wanted = text.trim();
        return Arrays.stream(values())
                .filter(f -> f.label.equalsIgnoreCase(wanted) || f.name().equalsIgnoreCase(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown format '" + text + "', expected one of "
                        + Arrays.stream(values()).map(DocumentFormat::label).toList()));
    }
}
