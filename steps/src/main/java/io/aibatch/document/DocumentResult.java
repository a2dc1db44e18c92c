package io.aibatch.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One line of the document pipeline's results output.
 *
 * @param text  all pages' text, pages separated by a form feed ('\f')
 * @param engine the engine that produced the text of image pages (text-layer pages need none)
 * @param sourceEtag the etag of the version of the source that was read, when the store has versions (Blob
 *                   Storage); it differs from the manifest's when the blob changed after planning and was processed
 *                   as it is now (changed-blob policy {@code process-current})
 */
public record DocumentResult(
        String id,
        String source,
        String name,
        String contentType,
        int pages,
        String text,
        String engine,
        List<PageDetail> pageDetails,
        String pipelineVersion,
        long elapsedMs,
        @JsonInclude(JsonInclude.Include.NON_NULL) String sourceEtag) {

    /** A result from a store without versions. */
    public DocumentResult(
            String id,
            String source,
            String name,
            String contentType,
            int pages,
            String text,
            String engine,
            List<PageDetail> pageDetails,
            String pipelineVersion,
            long elapsedMs) {
        this(id, source, name, contentType, pages, text, engine, pageDetails, pipelineVersion, elapsedMs, null);
    }

    /**
     * @param method     {@code ocr} or {@code text-layer}
     * @param confidence OCR mean confidence in [0,1]; 1 for a text layer
     */
    public record PageDetail(int page, String method, int characters, double confidence) {}
}
