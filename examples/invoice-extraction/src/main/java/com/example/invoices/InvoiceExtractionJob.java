package com.example.invoices;

import io.aibatch.runtime.JobDefinition;
import io.aibatch.runtime.JobOption;
import java.util.List;

/**
 * What the command line knows about this job without starting Spring: its name, one sentence for {@code --help}, and
 * its own options. Listed in {@code META-INF/services/io.aibatch.runtime.JobDefinition}; the option values reach the
 * pipeline as {@code run.option("schema")} and {@code run.option("max-invalid-retries")}.
 */
public final class InvoiceExtractionJob implements JobDefinition {

    public static final String NAME = "invoice-extraction";

    public static final JobOption SCHEMA = new JobOption(
            "schema",
            "FILE",
            "JSON Schema the extracted fields must follow (default: invoice-extraction.schema, the packaged invoice.schema.json).");

    public static final JobOption MAX_INVALID_RETRIES = new JobOption(
            "max-invalid-retries",
            "N",
            "how often a reply that is not JSON or not valid against the schema is asked for again before the invoice is "
                    + "dead-lettered as invalid-output (default: invoice-extraction.max-invalid-retries, 2).");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Invoices: OCR, in-cluster LLM, fields checked by schema";
    }

    @Override
    public List<JobOption> options() {
        return List.of(SCHEMA, MAX_INVALID_RETRIES);
    }
}
