package io.aibatch.simulator.content;

/** Input formats the OCR backends recognise by their magic bytes (what Read 3.2 accepts: JPEG, PNG, BMP, PDF, TIFF). */
public enum DocumentFormat {
    PDF(false),
    JPEG(true),
    PNG(true),
    BMP(true),
    TIFF(true),
    UNKNOWN(false);

    private final boolean image;

    DocumentFormat(boolean image) {
        this.image = image;
    }

    /** Raster formats are measured in pixels; PDF in inches. */
    public boolean isImage() {
        return image;
    }
}
