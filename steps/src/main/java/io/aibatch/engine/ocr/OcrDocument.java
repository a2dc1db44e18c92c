package io.aibatch.engine.ocr;

import java.util.List;

/**
 * What a remote OCR service read from a whole document.
 *
 * @param pages     text per page, in page order
 * @param engine    the engine (and model version when the service reports one)
 */
public record OcrDocument(List<String> pages, String engine) {

    public OcrDocument {
        pages = List.copyOf(pages);
    }

    public String text() {
        return String.join("\f", pages);
    }
}
