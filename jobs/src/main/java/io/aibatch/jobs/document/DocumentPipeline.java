package io.aibatch.jobs.document;

import io.aibatch.cost.CostModel;
import io.aibatch.document.DocumentDecoder;
import io.aibatch.document.DocumentOcrHandler;
import io.aibatch.document.RemoteOcrHandler;
import io.aibatch.document.TimedOcrEngine;
import io.aibatch.engine.BackendEndpoints;
import io.aibatch.engine.EngineFactory;
import io.aibatch.engine.Locality;
import io.aibatch.engine.Sensitivity;
import io.aibatch.engine.ocr.OcrEngine;
import io.aibatch.engine.ocr.RemoteOcrEngine;
import io.aibatch.engine.speech.EndpointLocality;
import io.aibatch.jobs.document.enrich.EnrichingDocumentHandler;
import io.aibatch.pipeline.ItemHandler;
import io.aibatch.resilience.CallObserver;
import io.aibatch.routing.ClearedItems;
import io.aibatch.runtime.AibatchProperties;
import io.aibatch.runtime.BackendExecutors;
import io.aibatch.runtime.CloudBatch;
import io.aibatch.runtime.EngineFactories;
import io.aibatch.runtime.Pipeline;
import io.aibatch.runtime.Preflight;
import io.aibatch.runtime.RunParameters;
import io.aibatch.source.ItemSource;
import io.aibatch.store.Locations;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * {@code document-pipeline}: documents → text (PDF text layer or OCR) → classification → restricted check →
 * summary (routed by locality) → one result per document. OCR runs embedded (Tesseract, CPU-bound, on its own
 * pool) or remotely ({@code --ocr read-container | document-intelligence} with {@code --ocr-endpoint}), driven
 * through the backend's executor.
 */
public final class DocumentPipeline implements Pipeline {

    /** The api-spend key (pricing.yaml) of the Azure OpenAI deployment that summarises unrestricted documents. */
    static final String CLOUD_LLM_API_SPEND = "azure-openai";
    /**
     * The api-spend key of the same deployment used through the Azure OpenAI Batch API ({@code --cloud-llm-mode batch}):
     * its batch price lines, applied to the batch tokens.
     */
    static final String CLOUD_LLM_BATCH_API_SPEND = "azure-openai-batch";

    public static final String JOB = DocumentPipelineDefinition.NAME;
    public static final String OCR = DocumentPipelineDefinition.OCR.name();
    public static final String OCR_ENDPOINT = DocumentPipelineDefinition.OCR_ENDPOINT.name();
    /** {@code auto}, {@code in-cluster} or {@code cloud}: where the remote OCR endpoint runs (default aibatch.ocr.locality). */
    public static final String OCR_LOCALITY = DocumentPipelineDefinition.OCR_LOCALITY.name();

    private final AibatchProperties.Ocr settings;
    private final DocumentDecoder decoder;
    private final EngineFactories engines;
    private final Executor ocrExecutor;
    private final Executor io;
    private final BackendExecutors backends;
    private final EnrichmentEngines enrichment;
    private final boolean enrich;
    /** One client per (engine, endpoint, locality) in this JVM, shared by every slice. */
    private final Map<String, RemoteOcrEngine> remoteEngines = new ConcurrentHashMap<>();

    public DocumentPipeline(
            AibatchProperties.Ocr settings,
            DocumentDecoder decoder,
            EngineFactories engines,
            Executor ocrExecutor,
            Executor io,
            BackendExecutors backends,
            EnrichmentEngines enrichment,
            boolean enrich) {
        this.settings = settings;
        this.decoder = decoder;
        this.engines = engines;
        this.ocrExecutor = ocrExecutor;
        this.io = io;
        this.backends = backends;
        this.enrichment = enrichment;
        this.enrich = enrich;
    }

    @Override
    public String jobName() {
        return JOB;
    }

    /** Only an enriching run classifies documents, so only it can clear items for a cloud profile of 'compare'. */
    @Override
    public boolean clearsItems() {
        return enrich;
    }

    @Override
    public List<Preflight.Endpoint> endpoints(RunParameters run) {
        List<Preflight.Endpoint> endpoints = new ArrayList<>();
        String endpoint = run.option(OCR_ENDPOINT, settings.endpoint());
        if (remote(engineName(run)) && endpoint != null && !endpoint.isBlank()) {
            endpoints.add(Preflight.Endpoint.http("--ocr-endpoint", endpoint));
        }
        if (enrich) { // the LLMs only serve the enrichment: without it they are never called
            endpoints.addAll(Preflight.Endpoint.llms(run.llm()));
        }
        return endpoints;
    }

    @Override
    public ItemHandler handler(ItemSource source, RunParameters run, CallObserver observer) {
        String engine = engineName(run);
        if (!remote(engine)) {
            // embedded OCR (Tesseract, PDF text layer) runs in this JVM
            OcrEngine embedded = engines.get(OcrEngine.class, engine, "--ocr").create(null, Locality.IN_CLUSTER);
            ItemHandler textExtraction = new DocumentOcrHandler(
                    source,
                    decoder,
                    new TimedOcrEngine(embedded, observer),
                    ocrExecutor,
                    run.pipelineVersion(),
                    observer);
            return enriched(textExtraction, run, Locality.IN_CLUSTER, observer);
        }
        RemoteOcrEngine remote = remoteEngine(engine, run);
        ClearedItems cleared = clearedItems(run);
        ItemHandler textExtraction = new RemoteOcrHandler(
                source,
                decoder,
                remote,
                backends.forBackend(remote.name()),
                io,
                observer,
                run.pipelineVersion(),
                cleared == null ? item -> Sensitivity.UNCHECKED : cleared::sensitivity);
        return enriched(textExtraction, run, remote.locality(), observer);
    }

    /** Classification, restricted check and summary after the text, unless aibatch.document.enrichment is false (text only). */
    private ItemHandler enriched(
            ItemHandler textExtraction, RunParameters run, Locality textLocality, CallObserver observer) {
        return enrich
                ? new EnrichingDocumentHandler(textExtraction, enrichment.enricherFor(run, observer), textLocality)
                : textExtraction;
    }

    @Override
    public void validate(RunParameters run) {
        if (enrichment != null) {
            enrichment.validate(run);
        }
        String engine = engineName(run);
        if (remote(engine)) {
            RemoteOcrEngine remote = remoteEngine(engine, run);
            if (remote.locality() == Locality.CLOUD && run.option(RunParameters.CLEARED_ITEMS) == null) {
                // documents are unchecked before OCR and may be restricted: a cloud OCR engine only gets items an
                // in-cluster run cleared ('compare' with an in-cluster profile first)
                BackendEndpoints.requireInCluster(
                        "--ocr-endpoint",
                        ocrEndpoint(engine, run),
                        Locality.CLOUD,
                        "--ocr-locality",
                        "documents before anything checked them (a cloud OCR engine only gets items an in-cluster profile of"
                                + " 'compare' cleared)");
            }
        }
    }

    @Override
    public Locality firstEngineLocality(RunParameters run) {
        String engine = engineName(run);
        return remote(engine) ? remoteEngine(engine, run).locality() : Locality.IN_CLUSTER;
    }

    @Override
    public java.util.List<String> apiSpend(RunParameters run) {
        java.util.List<String> engines = new java.util.ArrayList<>();
        String engine = engineName(run);
        if (remote(engine) && remoteEngine(engine, run).locality() == Locality.CLOUD) {
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
        String engine = engineName(run);
        if (remote(engine)) {
            engines.add(new CostModel.EngineRun(
                    engine.equals("document-intelligence") ? engine + "/" + settings.documentModel() : engine,
                    remoteEngine(engine, run).locality() == Locality.IN_CLUSTER));
        }
        String cloudLlm = run.llm().cloud();
        if (cloudLlm != null && !cloudLlm.isBlank()) {
            // real-time calls (every one in realtime mode; the fallback of expired batches in batch mode) and batched
            // requests, each priced on its own share of the tokens
            engines.add(CostModel.EngineRun.cloud(CLOUD_LLM_API_SPEND));
            if (CloudBatch.enabled(run)) {
                engines.add(CostModel.EngineRun.cloudBatch(CLOUD_LLM_BATCH_API_SPEND));
            }
        }
        return engines;
    }

    private static ClearedItems clearedItems(RunParameters run) {
        String location = run.option(RunParameters.CLEARED_ITEMS);
        if (location == null) {
            return null;
        }
        try {
            return ClearedItems.read(Locations.output(location));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(
                    "could not read the cleared items of this comparison run from " + location, e);
        }
    }

    private URI ocrEndpoint(String engine, RunParameters run) {
        String endpoint = run.option(OCR_ENDPOINT, settings.endpoint());
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException(
                    "--ocr " + engine + " needs --ocr-endpoint (or aibatch.ocr.endpoint), e.g. http://read-ocr:5000");
        }
        return BackendEndpoints.check("--ocr-endpoint", endpoint);
    }

    private String engineName(RunParameters run) {
        return run.option(OCR, settings.engine()).strip();
    }

    /** Whether {@code --ocr engine} is an OCR service (else it must be an embedded engine). */
    private boolean remote(String engine) {
        if (engines.find(RemoteOcrEngine.class, engine).isPresent()) {
            return true;
        }
        if (engines.find(OcrEngine.class, engine).isPresent()) {
            return false;
        }
        throw new IllegalArgumentException("unknown --ocr engine '" + engine + "'; choose "
                + engines.names(OcrEngine.class, RemoteOcrEngine.class));
    }

    private RemoteOcrEngine remoteEngine(String engine, RunParameters run) {
        URI uri = ocrEndpoint(engine, run);
        EngineFactory<RemoteOcrEngine> factory = engines.get(RemoteOcrEngine.class, engine, "--ocr");
        String configured = run.option(OCR_LOCALITY);
        Locality locality = configured == null ? factory.locality(uri) : EndpointLocality.resolve(configured, uri);
        return remoteEngines.computeIfAbsent(engine + " " + uri + " " + locality, key -> factory.create(uri, locality));
    }
}
