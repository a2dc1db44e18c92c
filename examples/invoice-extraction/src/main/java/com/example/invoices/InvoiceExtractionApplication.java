package com.example.invoices;

import io.aibatch.cli.AibatchCommand;

/** {@code java -jar invoice-extraction.jar run invoice-extraction --input … --output … --llm-endpoint …}: aibatch's command line with this job on it. */
public final class InvoiceExtractionApplication {

    private InvoiceExtractionApplication() {
    }

    public static void main(String[] args) {
        AibatchCommand.main(args);
    }
}
