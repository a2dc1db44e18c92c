package io.aibatch.engine.ocr;

import java.awt.image.BufferedImage;

/** Reads the text of one page image. Implementations must be safe to call from several threads. */
public interface OcrEngine extends AutoCloseable {

    /** Engine name recorded in every result, e.g. {@code tesseract-5.5.1}. */
    String name();

    OcrText recognize(BufferedImage page, int dpi);

    @Override
    void close();

    /**
     * @param text       the recognised text, lines separated by '\n'
     * @param confidence mean word confidence between 0 and 1, or -1 when the engine gives none
     */
    record OcrText(String text, double confidence) {}
}
