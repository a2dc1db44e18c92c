package com.example.invoices;

import io.aibatch.document.DocumentDecoder;
import io.aibatch.document.DocumentOcrHandler;
import io.aibatch.document.TimedOcrEngine;
import io.aibatch.engine.Locality;
import io.aibatch.engine.llm.ChatEngine;
import io.aibatch.engine.ocr.OcrEngine;
import io.aibatch.pipeline.ItemHandler;
import io.aibatch.resilience.CallObserver;
import io.aibatch.resilience.ResilientChatEngine;
import io.aibatch.runtime.BackendExecutors;
import io.aibatch.runtime.ChatEngines;
import io.aibatch.runtime.EngineConfiguration;
import io.aibatch.runtime.EngineFactories;
import io.aibatch.runtime.Pipeline;
import io.aibatch.runtime.Preflight;
import io.aibatch.runtime.RunParameters;
import io.aibatch.source.ItemSource;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@code invoice-extraction}: invoices → text (PDF text layer or embedded OCR) → fields from the in-cluster LLM
 * ({@code --llm-endpoint}) as structured output → validated against the schema → one result per invoice. The model
 * sees content nobody has checked, so its endpoint must be in the cluster: a cloud one is refused before the run
 * starts, exactly as the document job refuses it.
 */
public final class InvoiceExtractionPipeline implements Pipeline {

    /** What the in-cluster model is given, for the refusal of an in-cluster endpoint that counts as cloud. */
    private static final String IN_CLUSTER_CONTENT = "invoices nobody has checked";

    private final InvoiceExtractionProperties settings;
    private final ChatEngines chatEngines;
    private final DocumentDecoder decoder;
    private final EngineFactories engines;
    private final Executor ocrExecutor;
    private final BackendExecutors backends;
    private final ScheduledExecutorService scheduler;

    InvoiceExtractionPipeline(
            InvoiceExtractionProperties settings,
            ChatEngines chatEngines,
            DocumentDecoder decoder,
            EngineFactories engines,
            Executor ocrExecutor,
            BackendExecutors backends,
            ScheduledExecutorService scheduler) {
        this.settings = settings;
        this.chatEngines = chatEngines;
        this.decoder = decoder;
        this.engines = engines;
        this.ocrExecutor = ocrExecutor;
        this.backends = backends;
        this.scheduler = scheduler;
    }

    @Override
    public String jobName() {
        return InvoiceExtractionJob.NAME;
    }

    @Override
    public ItemHandler handler(ItemSource source, RunParameters run, CallObserver observer) {
        OcrEngine ocr = engines.get(OcrEngine.class, EngineConfiguration.EMBEDDED_OCR, "aibatch.ocr.engine")
                .create(null, Locality.IN_CLUSTER);
        ItemHandler text = new DocumentOcrHandler(
                source, decoder, new TimedOcrEngine(ocr, observer), ocrExecutor, run.pipelineVersion(), observer);
        // the starter's in-cluster chat engine (aibatch.llm.engine, kaito unless configured), one client per JVM
        ChatEngine client = Objects.requireNonNull(chatEngines.inCluster(run), "validate() requires --llm-endpoint");
        // throttling, retries of failed calls and the backend's concurrency limit: aibatch.backends.kaito.*
        ChatEngine llm = new ResilientChatEngine(client, backends.forBackend(client.name()), observer);
        return new InvoiceExtractionHandler(
                text,
                llm,
                schema(run),
                invalidOutputRetry(maxInvalidRetries(run)),
                scheduler,
                settings.maxInputChars(),
                settings.maxTokens());
    }

    /** Everything a run needs, checked before anything is planned: a wrong option is a usage error, not 100 dead-letters. */
    @Override
    public void validate(RunParameters run) {
        String endpoint = run.llm().inCluster();
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException(
                    InvoiceExtractionJob.NAME + " needs --llm-endpoint, the in-cluster model (e.g. a KAITO "
                            + "workspace's service, http://workspace-phi-4-mini.kaito)");
        }
        chatEngines.validate(run, IN_CLUSTER_CONTENT);
        if (run.llm().cloud() != null && !run.llm().cloud().isBlank()) {
            throw new IllegalArgumentException(
                    InvoiceExtractionJob.NAME + " uses only the in-cluster model; drop --cloud-llm-endpoint");
        }
        schema(run);
        maxInvalidRetries(run);
    }

    /** Probed before planning: the model server answers GET /v1/models. */
    @Override
    public List<Preflight.Endpoint> endpoints(RunParameters run) {
        return Preflight.Endpoint.llms(run.llm());
    }

    @Override
    public Locality firstEngineLocality(RunParameters run) {
        return Locality.IN_CLUSTER; // embedded OCR
    }

    private InvoiceSchema schema(RunParameters run) {
        return InvoiceSchema.load(run.option(InvoiceExtractionJob.SCHEMA.name()), settings.schema());
    }

    private int maxInvalidRetries(RunParameters run) {
        String option = run.option(InvoiceExtractionJob.MAX_INVALID_RETRIES.name());
        if (option == null) {
            return settings.maxInvalidRetries();
        }
        try {
            int retries = Integer.parseInt(option.strip());
            if (retries >= 0) {
                return retries;
            }
        } catch (NumberFormatException notANumber) {
            // the message below
        }
        throw new IllegalArgumentException(
                InvoiceExtractionJob.MAX_INVALID_RETRIES.flag() + " must be a whole number >= 0, not '" + option + "'");
    }

    /** Asks again at once: a new sample, or a reply no longer cut short, is the point, not waiting for the backend. */
    private static Retry invalidOutputRetry(int retries) {
        return Retry.of(
                "invalid-output",
                RetryConfig.custom()
                        .maxAttempts(retries + 1)
                        .waitDuration(Duration.ZERO)
                        .retryExceptions(InvalidOutputException.class)
                        .failAfterMaxAttempts(false)
                        .build());
    }
}
