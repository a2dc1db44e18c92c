package com.example.invoices;

import io.aibatch.document.DocumentDecoder;
import io.aibatch.document.DocumentOcrHandler;
import io.aibatch.document.TimedOcrEngine;
import io.aibatch.engine.BackendEndpoints;
import io.aibatch.engine.Locality;
import io.aibatch.engine.llm.ChatEngine;
import io.aibatch.engine.llm.OpenAiCompatibleChatEngine;
import io.aibatch.engine.ocr.OcrEngine;
import io.aibatch.engine.speech.EndpointLocality;
import io.aibatch.pipeline.ItemHandler;
import io.aibatch.resilience.CallObserver;
import io.aibatch.resilience.ResilientChatEngine;
import io.aibatch.runtime.AibatchProperties;
import io.aibatch.runtime.BackendExecutors;
import io.aibatch.runtime.EngineConfiguration;
import io.aibatch.runtime.EngineFactories;
import io.aibatch.runtime.Pipeline;
import io.aibatch.runtime.Preflight;
import io.aibatch.runtime.RunParameters;
import io.aibatch.source.ItemSource;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.DisposableBean;

/**
 * {@code invoice-extraction}: invoices → text (PDF text layer or embedded OCR) → fields from the in-cluster LLM
 * ({@code --llm-endpoint}) as structured output → validated against the schema → one result per invoice. The model
 * sees content nobody has checked, so its endpoint must be in the cluster: a cloud one is refused before the run
 * starts, exactly as the document job refuses it.
 */
public final class InvoiceExtractionPipeline implements Pipeline, DisposableBean {

    private final InvoiceExtractionProperties settings;
    private final AibatchProperties.Llm llmSettings;
    private final DocumentDecoder decoder;
    private final EngineFactories engines;
    private final Executor ocrExecutor;
    private final BackendExecutors backends;
    private final ScheduledExecutorService scheduler;
    /** One client per endpoint per JVM, shared by every slice (it holds the connection pool and the discovered model). */
    private final Map<String, OpenAiCompatibleChatEngine> clients = new ConcurrentHashMap<>();

    InvoiceExtractionPipeline(
            InvoiceExtractionProperties settings,
            AibatchProperties.Llm llmSettings,
            DocumentDecoder decoder,
            EngineFactories engines,
            Executor ocrExecutor,
            BackendExecutors backends,
            ScheduledExecutorService scheduler) {
        this.settings = settings;
        this.llmSettings = llmSettings;
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
        OpenAiCompatibleChatEngine client = clients.computeIfAbsent(
                run.llm().inCluster(),
                endpoint -> OpenAiCompatibleChatEngine.connect(
                        endpoint, llmSettings.model(), apiKey(), llmSettings.timeout(), llmLocality(run)));
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
        URI uri = BackendEndpoints.check("--llm-endpoint", endpoint);
        BackendEndpoints.requireInCluster(
                "--llm-endpoint", uri, llmLocality(run), "--llm-locality", "invoices nobody has checked");
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

    /** The stricter of the in-cluster role and where the endpoint resolves to (--llm-locality, else aibatch.llm.locality). */
    private Locality llmLocality(RunParameters run) {
        URI uri = BackendEndpoints.check("--llm-endpoint", run.llm().inCluster());
        return EndpointLocality.stricter(
                Locality.IN_CLUSTER,
                EndpointLocality.resolve(run.option(RunParameters.LLM_LOCALITY, llmSettings.locality()), uri));
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

    private String apiKey() {
        if (!llmSettings.apiKey().isBlank()) {
            return llmSettings.apiKey();
        }
        String key = System.getenv("KAITO_API_KEY");
        return key == null ? "" : key;
    }

    @Override
    public void destroy() {
        clients.values().forEach(OpenAiCompatibleChatEngine::close);
    }
}
