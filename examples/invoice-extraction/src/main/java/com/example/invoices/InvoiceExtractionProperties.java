package com.example.invoices;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The job's configuration, {@code invoice-extraction.*}: in an application.yaml, or the environment (e.g.
 * {@code INVOICE_EXTRACTION_MAX_INVALID_RETRIES=3}). Embedded OCR is aibatch's ({@code aibatch.ocr.*}).
 *
 * @param schema            where the JSON Schema of the fields is, as a Spring resource location ({@code file:} or
 *                          {@code classpath:}); the run option {@code --schema FILE} overrides it
 * @param maxInvalidRetries how often a reply that is not JSON or violates the schema is asked for again; then the
 *                          invoice is dead-lettered as {@code invalid-output}. The run option {@code --max-invalid-retries}
 *                          overrides it
 * @param maxInputChars     the OCR text sent to the model is cut to this many characters
 * @param maxTokens         completion limit of one reply; too small a limit cuts the JSON short (invalid output)
 */
@ConfigurationProperties("invoice-extraction")
public record InvoiceExtractionProperties(
        @DefaultValue("classpath:invoice.schema.json") String schema,
        @DefaultValue("2") int maxInvalidRetries,
        @DefaultValue("12000") int maxInputChars,
        @DefaultValue("600") int maxTokens) {

    public InvoiceExtractionProperties {
        if (maxInvalidRetries < 0) {
            throw new IllegalArgumentException(
                    "invoice-extraction.max-invalid-retries must be >= 0, was " + maxInvalidRetries);
        }
        if (maxInputChars < 1 || maxTokens < 1) {
            throw new IllegalArgumentException("invoice-extraction.max-input-chars and max-tokens must be >= 1");
        }
    }
}
