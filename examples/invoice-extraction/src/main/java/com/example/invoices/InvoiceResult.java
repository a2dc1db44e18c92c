package com.example.invoices;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * One line of the job's results output: the invoice's identity (as the document job's results) and the extracted
 * object under {@code fields}, valid against the schema.
 *
 * @param textEngine      what read the text: the OCR engine, or {@code pdf-text-layer}
 * @param model           the engine that extracted the fields, e.g. {@code kaito/phi-4-mini-instruct}
 * @param attempts        replies it took to get a valid one (1 = the first)
 * @param fieldsExtracted fields of {@code fields} that are not null (the job's unit of work)
 */
public record InvoiceResult(
        String id,
        String source,
        String name,
        String contentType,
        int pages,
        JsonNode fields,
        int fieldsExtracted,
        String textEngine,
        String model,
        int attempts,
        String pipelineVersion,
        long elapsedMs,
        @JsonInclude(JsonInclude.Include.NON_NULL) String sourceEtag) {}
