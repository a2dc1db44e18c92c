package io.aibatch.runtime;

import io.aibatch.document.DocumentDecoder;
import io.aibatch.engine.ocr.OcrEngine;
import io.aibatch.engine.ocr.Tessdata;
import io.aibatch.engine.ocr.TesseractOcrEngine;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;

@Configuration(proxyBeanMethods = false)
class DocumentPipelineConfiguration {

    /** Lazy: Tesseract is loaded only by a run that needs it, not by status or restart look-ups. */
    @Bean(destroyMethod = "close")
    @Lazy
    OcrEngine embeddedOcrEngine(AibatchProperties properties) throws IOException {
        AibatchProperties.Tesseract tesseract = properties.ocr().tesseract();
        Path datapath = Tessdata.resolve(tesseract.datapath(), tesseract.language(), Path.of(System.getProperty("java.io.tmpdir")));
        return new TesseractOcrEngine(datapath, tesseract.language());
    }

    /** Embedded OCR is CPU-bound: one thread per core by default, shared by every slice in this JVM. */
    @Bean
    ThreadPoolTaskExecutor ocrExecutor(AibatchProperties properties) {
        return RunInfrastructureConfiguration.daemonPool("ocr-", properties.ocr().effectiveThreads());
    }

    /** Embeddings (classification, extractive summaries) are CPU-bound like OCR: one thread per core. */
    @Bean
    ThreadPoolTaskExecutor embeddingExecutor(AibatchProperties properties) {
        return RunInfrastructureConfiguration.daemonPool("embed-", Runtime.getRuntime().availableProcessors());
    }

    /** Engines are created on first use by a run: status and restart look-ups load no model. */
    @Bean
    EnrichmentEngines enrichmentEngines(AibatchProperties properties, @Qualifier("embeddingExecutor") ThreadPoolTaskExecutor embeddingExecutor,
                                        BackendExecutors backendExecutors) {
        return new EnrichmentEngines(properties, embeddingExecutor, backendExecutors);
    }

    @Bean
    DocumentPipeline documentPipeline(AibatchProperties properties, ObjectProvider<OcrEngine> embeddedOcrEngine,
                                      @Qualifier("ocrExecutor") ThreadPoolTaskExecutor ocrExecutor,
                                      @Qualifier("ioExecutor") ThreadPoolTaskExecutor ioExecutor,
                                      BackendExecutors backendExecutors, HttpClient httpClient, EnrichmentEngines enrichmentEngines) {
        return new DocumentPipeline(properties.ocr(), new DocumentDecoder(properties.documents().limits()),
                embeddedOcrEngine::getObject, ocrExecutor, ioExecutor, backendExecutors, httpClient, enrichmentEngines, properties.enrichment());
    }

    @Bean
    Job documentPipelineJob(RunJobFactory jobs) {
        return jobs.create(DocumentPipeline.JOB);
    }
}
