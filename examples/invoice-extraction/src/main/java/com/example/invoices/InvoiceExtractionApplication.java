package com.example.invoices;

import io.aibatch.cli.AibatchCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The user's Spring Boot application: aibatch's command line ({@code run}, {@code restart}, {@code status}, {@code worker},
 * {@code k8s}, {@code compare}, {@code reprocess}) starts this class's context for every command, so the job's beans
 * (this package, by component scan) are there, next to the starter's auto-configuration.
 * {@code java -jar invoice-extraction.jar run invoice-extraction --input … --output … --llm-endpoint …}
 */
@SpringBootApplication
public class InvoiceExtractionApplication {

    public static void main(String[] args) {
        AibatchCommand.run(InvoiceExtractionApplication.class, args);
    }
}
