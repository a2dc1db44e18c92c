package io.aibatch.runtime;

import io.aibatch.cost.CostModel;
import io.aibatch.document.DocumentDecoder;
import io.aibatch.document.DocumentOcrHandler;
import io.aibatch.document.RemoteOcrHandler;
import io.aibatch.engine.BackendEndpoints;
import io.aibatch.engine.Locality;
import io.aibatch.engine.ocr.DocumentIntelligenceOcrClient;
import io.aibatch.engine.ocr.OcrEngine;
import io.aibatch.engine.ocr.ReadOcrClient;
import io.aibatch.engine.ocr.RemoteOcrEngine;
import io.aibatch.engine.ocr.RemoteOcrSettings;
import io.aibatch.engine.ocr.TimedOcrEngine;
import io.aibatch.enrich.EnrichingDocumentHandler;
import io.aibatch.pipeline.ItemHandler;
import io.aibatch.resilience.CallObserver;
import io.aibatch.source.ClearedItems;
import io.aibatch.source.ItemSource;
import io.aibatch.engine.Sensitivity;
import io.aibatch.engine.speech.EndpointLocality;
import io.aibatch.store.Locations;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * {@code document-pipeline}: documents → text (PDF text layer or OCR) → classification → restricted check →
 * summary (routed by locality) → one result per document. OCR runs embedded (Tesseract, CPU-bound, on its own
 * pool) or remotely ({@code --ocr read-container | document-intelligence} with {@code --ocr-endpoint}), driven
 * through the backend's executor.
 */
public final class DocumentPipeline implements Pipeline {

    /** The api-spend key (pricing.yaml) of the Azure OpenAI deployment that summarises unrestricted documents. */
    static final String CLOUD_LLM_API_SPEND = "azure-openai";

    public static final String JOB = "document-pipeline";
    public static final String OCR = "ocr";
    public static final String OCR_ENDPOINT = "ocrEndpoint";
    /** {@code auto}, {@code in-cluster} or {@code cloud}: where the remote OCR endpoint runs (default aibatch.ocr.locality). */
    public static final String OCR_LOCALITY = "ocrLocality";
    /** Location (directory or blob URL) of a comparison's {@link ClearedItems}: the only items a cloud OCR engine may get. */
    public static final String CLEARED_ITEMS = "clearedItems";

    private final AibatchProperties.Ocr settings;
    private final DocumentDecoder decoder;
    private final Supplier<OcrEngine> embeddedOcr;
    private final Executor ocrExecutor;
    private final Executor io;
    private final BackendExecutors backends;
    private final HttpClient http;
    private final EnrichmentEngines enrichment;
    private final boolean enrich;

    public DocumentPipeline(AibatchProperties.Ocr settings, DocumentDecoder decoder, Supplier<OcrEngine> embeddedOcr,
                            Executor ocrExecutor, Executor io, BackendExecutors backends, HttpClient http,
                            EnrichmentEngines enrichment, boolean enrich) {
        this.settings = settings;
        this.decoder = decoder;
        this.embeddedOcr = embeddedOcr;
        this.ocrExecutor = ocrExecutor;
        this.io = io;
        this.backends = backends;
        this.http = http;
        this.enrichment = enrichment;
        this.enrich = enrich;
    }

    @Override
    public String jobName() {
        return JOB;
    }

    @Override
    public ItemHandler handler(ItemSource source, RunParameters run, CallObserver observer) {
        String engine = run.option(OCR, settings.engine());
        if (engine.equals("embedded")) {
            // embedded OCR (Tesseract, PDF text layer) runs in this JVM
            ItemHandler textExtraction = new DocumentOcrHandler(source, decoder,
                    new TimedOcrEngine(embeddedOcr.get(), observer), ocrExecutor, run.pipelineVersion(), observer);
            return enriched(textExtraction, run, Locality.IN_CLUSTER, observer);
        }
        RemoteOcrEngine remote = remoteEngine(engine, run);
        ClearedItems cleared = clearedItems(run);
        ItemHandler textExtraction = new RemoteOcrHandler(source, decoder, remote, backends.forBackend(remote.name()), io,
                observer, run.pipelineVersion(), cleared == null ? item -> Sensitivity.UNCHECKED : cleared::sensitivity);
        return enriched(textExtraction, run, remote.locality(), observer);
    }

    /** Classification, restricted check and summary after the text, unless aibatch.enrichment is false (text only). */
    private ItemHandler enriched(ItemHandler textExtraction, RunParameters run, Locality textLocality, CallObserver observer) {
        return enrich ? new EnrichingDocumentHandler(textExtraction, enrichment.enricherFor(run, observer), textLocality) : textExtraction;
    }

    @Override
    public void validate(RunParameters run) {
        if (enrichment != null) {
            enrichment.validate(run);
        }
        String engine = run.option(OCR, settings.engine());
        if (!engine.equals("embedded")) {
            RemoteOcrEngine remote = remoteEngine(engine, run);
            if (remote.locality() == Locality.CLOUD && run.option(CLEARED_ITEMS) == null) {
                // documents are unchecked before OCR and may be restricted: a cloud OCR engine only gets items an
                // in-cluster run cleared ('compare' with an in-cluster profile first)
                BackendEndpoints.requireInCluster("--ocr-endpoint", ocrEndpoint(engine, run), Locality.CLOUD, "--ocr-locality",
                        "documents before anything checked them (a cloud OCR engine only gets items an in-cluster profile of"
                                + " 'compare' cleared)");
            }
        }
    }

    @Override
    public Locality firstEngineLocality(RunParameters run) {
        String engine = run.option(OCR, settings.engine());
        return engine.equals("embedded") ? Locality.IN_CLUSTER : remoteEngine(engine, run).locality();
    }

    @Override
    public java.util.List<String> apiSpend(RunParameters run) {
        java.util.List<String> engines = new java.util.ArrayList<>();
        String engine = run.option(OCR, settings.engine());
        if (!engine.equals("embedded") && remoteEngine(engine, run).locality() == Locality.CLOUD) {
            engines.add(engine.equals("document-intelligence") ? engine + "/" + settings.documentModel() : engine);
        }
        String cloudLlm = run.llm().cloud();
        if (cloudLlm != null && !cloudLlm.isBlank()) {
            engines.add(CLOUD_LLM_API_SPEND);
        }
        return engines;
    }

    @Override
    public java.util.List<CostModel.EngineRun> pricedEngines(RunParameters run) {
        java.util.List<CostModel.EngineRun> engines = new java.util.ArrayList<>();
        String engine = run.option(OCR, settings.engine());
        if (!engine.equals("embedded")) {
            engines.add(new CostModel.EngineRun(engine.equals("document-intelligence") ? engine + "/" + settings.documentModel()
                    : engine, remoteEngine(engine, run).locality() == Locality.IN_CLUSTER));
        }
        String cloudLlm = run.llm().cloud();
        if (cloudLlm != null && !cloudLlm.isBlank()) {
            engines.add(CostModel.EngineRun.cloud(CLOUD_LLM_API_SPEND));
        }
        return engines;
    }

    private static ClearedItems clearedItems(RunParameters run) {
        String location = run.option(CLEARED_ITEMS);
        if (location == null) {
            return null;
        }
        try {
            return ClearedItems.read(Locations.output(location));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not read the cleared items of this comparison run from " + location, e);
        }
    }

    private URI ocrEndpoint(String engine, RunParameters run) {
        String endpoint = run.option(OCR_ENDPOINT, settings.endpoint());
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("--ocr " + engine + " needs --ocr-endpoint (or aibatch.ocr.endpoint), e.g. http://read-ocr:5000");
        }
        return BackendEndpoints.check("--ocr-endpoint", endpoint);
    }

    private RemoteOcrEngine remoteEngine(String engine, RunParameters run) {
        URI uri = ocrEndpoint(engine, run);
        RemoteOcrSettings remote = new RemoteOcrSettings(uri, blankToNull(settings.apiKey()),
                settings.requestTimeout(), settings.pollInterval(), EndpointLocality.resolve(run.option(OCR_LOCALITY, settings.locality()), uri));
        return switch (engine) {
            case "read-container" -> new ReadOcrClient(remote, settings.sync(), http);
            case "document-intelligence" -> new DocumentIntelligenceOcrClient(remote, settings.documentModel(), http);
            default -> throw new IllegalArgumentException("unknown --ocr engine '" + engine
                    + "'; choose embedded, read-container or document-intelligence");
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
