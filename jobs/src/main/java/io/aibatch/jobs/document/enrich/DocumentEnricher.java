package io.aibatch.jobs.document.enrich;

import io.aibatch.classify.DocumentClassifier;
import io.aibatch.document.DocumentResult;
import io.aibatch.engine.Locality;
import io.aibatch.engine.llm.ChatPrompt;
import io.aibatch.pipeline.Units;
import io.aibatch.routing.EngineUse;
import io.aibatch.routing.Restriction;
import io.aibatch.routing.RestrictionPolicy;
import io.aibatch.routing.SummaryRouter;
import io.aibatch.summarize.BatchingSummarizer;
import io.aibatch.summarize.Summarizer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The stage after text extraction: classify (in the cluster: the text is unchecked), decide whether the document
 * is restricted, then summarise with the engine the routing rule allows. Every engine that sees the text is
 * recorded in the result's routing.
 */
public final class DocumentEnricher {

    private final DocumentClassifier classifier;
    private final RestrictionPolicy policy;
    private final SummaryRouter router;

    public DocumentEnricher(DocumentClassifier classifier, RestrictionPolicy policy, SummaryRouter router) {
        if (classifier.locality() != Locality.IN_CLUSTER) {
            throw new IllegalArgumentException("the classifier sees unchecked text and must run in the cluster, but "
                    + classifier.name() + " is " + classifier.locality());
        }
        this.classifier = classifier;
        this.policy = policy;
        this.router = router;
    }

    /**
     * An enriched result and the LLM tokens it took.
     *
     * @param deferred the summary request when the summary waits for a cloud batch (the result's summary is null)
     */
    public record Enriched(EnrichedDocumentResult result, Units units, @Nullable ChatPrompt deferred) {}

    /**
     * @param ocrLocality where the text was extracted (the OCR engine saw the document first)
     */
    public CompletableFuture<Enriched> enrich(DocumentResult document, Locality ocrLocality) {
        long started = System.nanoTime();
        return classifier.classify(document.source(), document.text()).thenCompose(classification -> {
            Restriction restriction = policy.assess(classification.label(), document.text());
            Summarizer summarizer = router.choose(restriction);
            // the batch mode's cloud summariser only builds the request: the item waits for its batch
            ChatPrompt deferred = summarizer instanceof BatchingSummarizer batching
                    ? batching.prompt(document.source(), document.text(), restriction.sensitivity())
                    : null;
            return summarizer
                    .summarize(document.source(), document.text(), restriction.sensitivity())
                    .thenApply(summary -> {
                        List<EngineUse> routing = List.of(
                                new EngineUse(document.engine(), ocrLocality, "ocr"),
                                EngineUse.of(classifier, "classify"),
                                EngineUse.of(summarizer, "summarize"));
                        long elapsedMs = document.elapsedMs() + (System.nanoTime() - started) / 1_000_000;
                        EnrichedDocumentResult result = new EnrichedDocumentResult(
                                document.id(),
                                document.source(),
                                document.name(),
                                document.contentType(),
                                document.pages(),
                                document.text(),
                                document.engine(),
                                document.pageDetails(),
                                document.pipelineVersion(),
                                elapsedMs,
                                classification.label(),
                                classification.score(),
                                restriction.restricted(),
                                restriction.reasons(),
                                summary.text(),
                                summary.engine(),
                                routing,
                                document.sourceEtag());
                        Units units = Units.pages(document.pages())
                                .plus(Units.tokens(
                                        classification.tokensIn(), classification.tokensOut(), classifier.locality()))
                                .plus(Units.tokens(summary.tokensIn(), summary.tokensOut(), summarizer.locality()));
                        return new Enriched(result, units, deferred);
                    });
        });
    }
}
