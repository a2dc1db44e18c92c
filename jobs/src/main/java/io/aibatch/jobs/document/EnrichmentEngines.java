package io.aibatch.jobs.document;

import io.aibatch.classify.DocumentClassifier;
import io.aibatch.classify.EmbeddingZeroShotClassifier;
import io.aibatch.classify.LlmClassifier;
import io.aibatch.engine.BackendEndpoints;
import io.aibatch.engine.Locality;
import io.aibatch.engine.embed.SentenceEmbeddings;
import io.aibatch.engine.llm.AzureOpenAiChatEngine;
import io.aibatch.engine.llm.ChatEngine;
import io.aibatch.engine.llm.OpenAiCompatibleChatEngine;
import io.aibatch.engine.speech.EndpointLocality;
import io.aibatch.enrich.DocumentEnricher;
import io.aibatch.resilience.CallObserver;
import io.aibatch.resilience.ResilientChatEngine;
import io.aibatch.routing.RestrictionPolicy;
import io.aibatch.routing.SummaryRouter;
import io.aibatch.runtime.AibatchProperties;
import io.aibatch.runtime.BackendExecutors;
import io.aibatch.runtime.RunParameters;
import io.aibatch.summarize.ChatSummarizer;
import io.aibatch.summarize.ExtractiveSummarizer;
import io.aibatch.summarize.Summarizer;
import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Builds the document enrichment stage for a run from configuration and the run's LLM endpoints. Engines are
 * created once per JVM and shared by every slice: the embedding model (loaded on first use), one client per LLM
 * endpoint.
 */
public final class EnrichmentEngines implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EnrichmentEngines.class);

    private final AibatchProperties properties;
    private final Executor embeddingExecutor;
    private final RestrictionPolicy policy;
    private volatile SentenceEmbeddings embeddings;
    private volatile EmbeddingZeroShotClassifier embeddedClassifier;
    private final Map<String, OpenAiCompatibleChatEngine> kaito = new ConcurrentHashMap<>();
    private final Map<String, AzureOpenAiChatEngine> azure = new ConcurrentHashMap<>();
    private final Set<RunParameters.LlmEndpoints> described = ConcurrentHashMap.newKeySet();
    private final BackendExecutors backends;

    public EnrichmentEngines(AibatchProperties properties, Executor embeddingExecutor, BackendExecutors backends) {
        this.properties = properties;
        this.embeddingExecutor = embeddingExecutor;
        this.backends = backends;
        this.policy = restrictionPolicy(properties.restricted());
    }

    /**
     * The enrichment stage for one slice: the LLM clients (one per endpoint per JVM) are driven through their
     * backends' executors and report every call to the slice's {@code observer}.
     */
    public DocumentEnricher enricherFor(RunParameters run, CallObserver observer) {
        RunParameters.LlmEndpoints endpoints = run.llm();
        ChatEngine inCluster = blank(endpoints.inCluster())
                ? null
                : resilient(
                        kaito.computeIfAbsent(
                                endpoints.inCluster(),
                                endpoint -> OpenAiCompatibleChatEngine.connect(
                                        endpoint,
                                        properties.llm().model(),
                                        kaitoKey(),
                                        properties.llm().timeout(),
                                        inClusterLlmLocality(run, properties.llm()))),
                        observer);
        ChatEngine cloud = null;
        if (!blank(endpoints.cloud())) {
            cloud = resilient(
                    azure.computeIfAbsent(
                            endpoints.cloud() + "|" + endpoints.cloudDeployment(),
                            key -> AzureOpenAiChatEngine.connect(
                                    endpoints.cloud(),
                                    endpoints.cloudDeployment(),
                                    properties.cloudLlm().effectiveApiKey(),
                                    properties.cloudLlm().apiVersion(),
                                    properties.cloudLlm().timeout())),
                    observer);
        }
        AibatchProperties.Summarize summarize = properties.summarize();
        // embedded engines are timed like remote backends, so the report has their latency and busy share
        Summarizer embedded = new io.aibatch.summarize.TimedSummarizer(
                new ExtractiveSummarizer(embeddings(), summarize.sentences(), embeddingExecutor), observer);
        SummaryRouter router = new SummaryRouter(
                inCluster == null
                        ? null
                        : new ChatSummarizer(inCluster, summarize.maxInputChars(), summarize.maxTokens()),
                cloud == null ? null : new ChatSummarizer(cloud, summarize.maxInputChars(), summarize.maxTokens()),
                embedded);
        DocumentClassifier classifier = classifier(inCluster);
        if (classifier instanceof EmbeddingZeroShotClassifier) {
            classifier = new io.aibatch.classify.TimedClassifier(classifier, observer);
        }
        if (described.add(endpoints)) {
            log.info(
                    "document enrichment: classifier {}; summaries {}; restricted labels {}",
                    classifier.name(),
                    router.describe(),
                    policy.restrictedLabels());
        }
        return new DocumentEnricher(classifier, policy, router);
    }

    /**
     * Refuses the run's LLM endpoints before anything is planned: credentials in a URL, and an in-cluster LLM whose
     * endpoint counts as cloud (it classifies unchecked documents and summarises restricted ones). The cloud LLM is
     * CLOUD by its role whatever its address, and the router never gives it restricted content.
     */
    public void validate(RunParameters run) {
        validate(run, properties.llm());
    }

    public static void validate(RunParameters run, AibatchProperties.Llm llm) {
        RunParameters.LlmEndpoints endpoints = run.llm();
        if (!blank(endpoints.inCluster())) {
            URI uri = BackendEndpoints.check("--llm-endpoint", endpoints.inCluster());
            BackendEndpoints.requireInCluster(
                    "--llm-endpoint",
                    uri,
                    inClusterLlmLocality(run, llm),
                    "--llm-locality",
                    "restricted and not yet checked documents");
        }
        if (!blank(endpoints.cloud())) {
            BackendEndpoints.check("--cloud-llm-endpoint", endpoints.cloud());
        }
    }

    /** The stricter of the in-cluster role and what the endpoint resolves to (--llm-locality, else aibatch.llm.locality). */
    public static Locality inClusterLlmLocality(RunParameters run, AibatchProperties.Llm llm) {
        URI uri = BackendEndpoints.check("--llm-endpoint", run.llm().inCluster());
        return EndpointLocality.stricter(
                Locality.IN_CLUSTER,
                EndpointLocality.resolve(run.option(RunParameters.LLM_LOCALITY, llm.locality()), uri));
    }

    private ChatEngine resilient(ChatEngine engine, CallObserver observer) {
        return new ResilientChatEngine(engine, backends.forBackend(engine.name()), observer);
    }

    private DocumentClassifier classifier(ChatEngine inCluster) {
        String engine = properties.classify().engine();
        if (engine.equals("llm")) {
            if (inCluster == null) {
                throw new IllegalArgumentException(
                        "aibatch.classify.engine=llm needs an in-cluster model: give --llm-endpoint");
            }
            return new LlmClassifier(
                    inCluster,
                    properties.classify().definitions(),
                    properties.summarize().maxInputChars());
        }
        if (!engine.equals("embedded")) {
            throw new IllegalArgumentException(
                    "aibatch.classify.engine must be 'embedded' or 'llm' but was '" + engine + "'");
        }
        if (embeddedClassifier == null) {
            synchronized (this) {
                if (embeddedClassifier == null) {
                    embeddedClassifier = new EmbeddingZeroShotClassifier(
                            embeddings(), properties.classify().definitions(), embeddingExecutor);
                }
            }
        }
        return embeddedClassifier;
    }

    private SentenceEmbeddings embeddings() {
        if (embeddings == null) {
            synchronized (this) {
                if (embeddings == null) {
                    embeddings = new SentenceEmbeddings();
                }
            }
        }
        return embeddings;
    }

    static RestrictionPolicy restrictionPolicy(AibatchProperties.Restricted restricted) {
        java.util.Map<String, String> patterns = new java.util.LinkedHashMap<>();
        restricted.patterns().forEach(pattern -> patterns.put(pattern.name(), pattern.regex()));
        return new RestrictionPolicy(
                new HashSet<>(restricted.labels()),
                io.aibatch.routing.detect.IdentifierDetectors.of(
                        restricted.detectors(), restricted.legacyTfn(), patterns));
    }

    private String kaitoKey() {
        if (!properties.llm().apiKey().isBlank()) {
            return properties.llm().apiKey();
        }
        String key = System.getenv("KAITO_API_KEY");
        return key == null ? "" : key;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public void destroy() {
        kaito.values().forEach(OpenAiCompatibleChatEngine::close);
    }
}
