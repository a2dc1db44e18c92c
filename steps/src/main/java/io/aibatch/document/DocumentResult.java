package io.aibatch.document;

import java.util.List;

/**
 * One line of the document pipeline's results output.
 *
 * @param text  all pages' text, pages separated by a form feed ('\f')
 * @param engine the engine that produced the text of image pages (text-layer pages need none)
 */
public record DocumentResult(String id, String source, String name, String contentType, int pages, String text,
                             String engine, List<PageDetail> pageDetails, String pipelineVersion, long elapsedMs) {

    /**
     * @param method     {@code ocr} or {@code text-layer}
     * @param confidence OCR mean confidence in [0,1]; 1 for a text layer
     */
    public record PageDetail(int page, String method, int characters, double confidence) {
    }
}
