package com.example.invoices;

import io.aibatch.document.DocumentDecoder;
import io.aibatch.runtime.AibatchProperties;
import io.aibatch.runtime.BackendExecutors;
import io.aibatch.runtime.ChatEngines;
import io.aibatch.runtime.EngineFactories;
import io.aibatch.runtime.RunJobFactory;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The job's beans, found by the application's component scan: its {@link io.aibatch.runtime.Pipeline} and its
 * Spring Batch {@link Job} (plan → slices → report, the same for every job, from {@link RunJobFactory}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InvoiceExtractionProperties.class)
class InvoiceExtractionConfiguration {

    /**
     * Embedded OCR is the starter's: the engine factory "embedded" (Tesseract, loaded on first use) and its "ocrExecutor"
     * pool; so are the chat engines (the in-cluster model, by the factory aibatch.llm.engine names).
     */
    @Bean
    InvoiceExtractionPipeline invoiceExtractionPipeline(
            InvoiceExtractionProperties properties,
            AibatchProperties aibatch,
            ChatEngines chatEngines,
            EngineFactories engineFactories,
            @Qualifier("ocrExecutor") ThreadPoolTaskExecutor ocrExecutor,
            BackendExecutors backendExecutors,
            ScheduledExecutorService backendScheduler) {
        return new InvoiceExtractionPipeline(
                properties,
                chatEngines,
                new DocumentDecoder(aibatch.documents().limits()),
                engineFactories,
                ocrExecutor,
                backendExecutors,
                backendScheduler);
    }

    @Bean
    Job invoiceExtractionJob(RunJobFactory jobs) {
        return jobs.create(InvoiceExtractionJob.NAME);
    }
}
