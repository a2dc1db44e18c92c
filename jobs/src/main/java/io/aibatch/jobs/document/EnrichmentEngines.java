package io.aibatch.jobs.document;

import io.aibatch.classify.DocumentClassifier;
import io.aibatch.classify.EmbeddingZeroShotClassifier;
import io.aibatch.classify.LlmClassifier;
import io.aibatch.engine.embed.SentenceEmbeddings;
import io.aibatch.engine.llm.ChatEngine;
import io.aibatch.jobs.document.enrich.DocumentEnricher;
import io.aibatch.resilience.CallObserver;
import io.aibatch.resilience.ResilientChatEngine;
import io.aibatch.routing.RestrictionPolicy;
import io.aibatch.routing.SummaryRouter;
import io.aibatch.runtime.AibatchProperties;
import io.aibatch.runtime.BackendExecutors;
import io.aibatch.runtime.ChatEngines;
import io.aibatch.runtime.CloudBatch;
import io.aibatch.runtime.RunParameters;
import io.aibatch.summarize.BatchingSummarizer;
import io.aibatch.summarize.ChatSummarizer;
import io.aibatch.summarize.ExtractiveSummarizer;
import io.aibatch.summarize.Summarizer;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the document enrichment stage for a run from configuration and the run's LLM endpoints. Engines are
 * created once per JVM and shared by every slice: the embedding model (loaded on first use), one client per LLM
 * endpoint (the starter's {@link ChatEngines}, made by the chat engine factories).
 */
public final class EnrichmentEngines {

    private static final Logger log = LoggerFactory.getLogger(EnrichmentEngines.class);

    /** What the in-cluster model is given, for the refusal of an in-cluster endpoint that counts as cloud. */
    static final String IN_CLUSTER_CONTENT = "restricted and not yet checked documents";

    private final DocumentPipelineProperties settings;
    private final ChatEngines chatEngines;
    private final Executor embeddingExecutor;
    private final RestrictionPolicy policy;
    private volatile SentenceEmbeddings embeddings;
    private volatile EmbeddingZeroShotClassifier embeddedClassifier;
    private final Set<RunParameters.LlmEndpoints> described = ConcurrentHashMap.newKeySet();
    private final BackendExecutors backends;
    private final CloudBatch cloudBatch;

    public EnrichmentEngines(
            DocumentPipelineProperties settings,
            AibatchProperties.Restricted restricted,
            ChatEngines chatEngines,
            Executor embeddingExecutor,
            BackendExecutors backends,
            CloudBatch cloudBatch) {
        this.settings = settings;
        this.cloudBatch = cloudBatch;
        this.chatEngines = chatEngines;
        this.embeddingExecutor = embeddingExecutor;
        this.backends = backends;
        this.policy = restrictionPolicy(restricted);
    }

    /**
     * The enrichment stage for one slice: the LLM clients (one per endpoint per JVM) are driven through their
     * backends' executors and report every call to the slice's {@code observer}.
     */
    public DocumentEnricher enricherFor(RunParameters run, CallObserver observer) {
        RunParameters.LlmEndpoints endpoints = run.llm();
        ChatEngine inCluster = resilient(chatEngines.inCluster(run), observer);
        ChatEngine cloud = resilient(chatEngines.cloud(run), observer);
        DocumentPipelineProperties.Summarize summarize = settings.summarize();
        // embedded engines are timed like remote backends, so the report has their latency and busy share
        Summarizer embedded = new io.aibatch.summarize.TimedSummarizer(
                new ExtractiveSummarizer(embeddings(), summarize.sentences(), embeddingExecutor), observer);
        Summarizer cloudSummarizer = null;
        if (cloud != null) {
            cloudSummarizer = CloudBatch.enabled(run)
                    // --cloud-llm-mode batch: the request waits for the slice's batch (the collect step writes it)
                    ? new BatchingSummarizer(
                            cloudBatch.client(run).name(), summarize.maxInputChars(), summarize.maxTokens())
                    : new ChatSummarizer(cloud, summarize.maxInputChars(), summarize.maxTokens());
        }
        SummaryRouter router = new SummaryRouter(
                inCluster == null
                        ? null
                        : new ChatSummarizer(inCluster, summarize.maxInputChars(), summarize.maxTokens()),
                cloudSummarizer,
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
        chatEngines.validate(run, IN_CLUSTER_CONTENT);
        cloudBatch.validate(run);
    }

    /** Throttling, retries of failed calls and the backend's concurrency limit: aibatch.backends.<engine>.* */
    private @Nullable ChatEngine resilient(@Nullable ChatEngine engine, CallObserver observer) {
        return engine == null ? null : new ResilientChatEngine(engine, backends.forBackend(engine.name()), observer);
    }

    private DocumentClassifier classifier(ChatEngine inCluster) {
        String engine = settings.classify().engine();
        if (engine.equals("llm")) {
            if (inCluster == null) {
                throw new IllegalArgumentException(
                        "aibatch.document.classify.engine=llm needs an in-cluster model: give --llm-endpoint");
            }
            return new LlmClassifier(
                    inCluster,
                    settings.classify().definitions(),
                    settings.summarize().maxInputChars());
        }
        if (!engine.equals("embedded")) {
            throw new IllegalArgumentException(
                    "aibatch.document.classify.engine must be 'embedded' or 'llm' but was '" + engine + "'");
        }
        if (embeddedClassifier == null) {
            synchronized (this) {
                if (embeddedClassifier == null) {
                    embeddedClassifier = new EmbeddingZeroShotClassifier(
                            embeddings(), settings.classify().definitions(), embeddingExecutor);
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
}
