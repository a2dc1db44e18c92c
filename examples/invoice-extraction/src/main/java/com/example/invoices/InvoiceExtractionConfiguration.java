package com.example.invoices;

import io.aibatch.document.DocumentDecoder;
import io.aibatch.runtime.AibatchProperties;
import io.aibatch.runtime.BackendExecutors;
import io.aibatch.runtime.RunJobFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.util.concurrent.ScheduledExecutorService;

/**
 * The job's beans: its {@link io.aibatch.runtime.Pipeline} and its Spring Batch {@link Job} (plan → slices → report,
 * the same for every job, from {@link RunJobFactory}).
 */
@AutoConfiguration
@EnableConfigurationProperties(InvoiceExtractionProperties.class)
public class InvoiceExtractionConfiguration {

    @Bean(destroyMethod = "close")
    InvoiceOcr invoiceOcr(InvoiceExtractionProperties properties) {
        return new InvoiceOcr(properties.ocr());
    }

    @Bean
    InvoiceExtractionPipeline invoiceExtractionPipeline(InvoiceExtractionProperties properties, AibatchProperties aibatch,
                                                        InvoiceOcr invoiceOcr, BackendExecutors backendExecutors,
                                                        ScheduledExecutorService backendScheduler) {
        return new InvoiceExtractionPipeline(properties, aibatch.llm(), new DocumentDecoder(aibatch.documents().limits()),
                invoiceOcr, backendExecutors, backendScheduler);
    }

    @Bean
    Job invoiceExtractionJob(RunJobFactory jobs) {
        return jobs.create(InvoiceExtractionJob.NAME);
    }
}
