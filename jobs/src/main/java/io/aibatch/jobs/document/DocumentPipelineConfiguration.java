package io.aibatch.jobs.document;

import io.aibatch.document.DocumentDecoder;
import io.aibatch.runtime.AibatchAutoConfiguration;
import io.aibatch.runtime.AibatchProperties;
import io.aibatch.runtime.BackendExecutors;
import io.aibatch.runtime.ChatEngines;
import io.aibatch.runtime.CloudBatch;
import io.aibatch.runtime.EngineFactories;
import io.aibatch.runtime.RunInfrastructureConfiguration;
import io.aibatch.runtime.RunJobFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@AutoConfiguration(after = AibatchAutoConfiguration.class)
@EnableConfigurationProperties(DocumentPipelineProperties.class)
public class DocumentPipelineConfiguration {

    /** Embeddings (classification, extractive summaries) are CPU-bound like OCR: one thread per core. */
    @Bean
    ThreadPoolTaskExecutor embeddingExecutor(AibatchProperties properties) {
        return RunInfrastructureConfiguration.daemonPool(
                "embed-", Runtime.getRuntime().availableProcessors());
    }

    /** Engines are created on first use by a run: status and restart look-ups load no model. */
    @Bean
    EnrichmentEngines enrichmentEngines(
            DocumentPipelineProperties settings,
            AibatchProperties properties,
            ChatEngines chatEngines,
            @Qualifier("embeddingExecutor") ThreadPoolTaskExecutor embeddingExecutor,
            BackendExecutors backendExecutors,
            CloudBatch cloudBatch) {
        return new EnrichmentEngines(
                settings, properties.restricted(), chatEngines, embeddingExecutor, backendExecutors, cloudBatch);
    }

    @Bean
    DocumentPipeline documentPipeline(
            DocumentPipelineProperties settings,
            AibatchProperties properties,
            EngineFactories engineFactories,
            @Qualifier("ocrExecutor") ThreadPoolTaskExecutor ocrExecutor,
            @Qualifier("ioExecutor") ThreadPoolTaskExecutor ioExecutor,
            BackendExecutors backendExecutors,
            EnrichmentEngines enrichmentEngines) {
        return new DocumentPipeline(
                properties.ocr(),
                new DocumentDecoder(properties.documents().limits()),
                engineFactories,
                ocrExecutor,
                ioExecutor,
                backendExecutors,
                enrichmentEngines,
                settings.enrichment());
    }

    @Bean
    Job documentPipelineJob(RunJobFactory jobs) {
        return jobs.create(DocumentPipeline.JOB);
    }
}
