package io.aibatch.jobs.document.enrich;

import io.aibatch.document.DocumentResult;
import io.aibatch.engine.BackendException;
import io.aibatch.engine.Locality;
import io.aibatch.engine.RestrictedContentException;
import io.aibatch.item.WorkItem;
import io.aibatch.pipeline.DeferredResult;
import io.aibatch.pipeline.ItemHandler;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.resilience.CallsExhaustedException;
import io.aibatch.resilience.FailurePolicy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Text extraction, then enrichment: composes the OCR handler with the {@link DocumentEnricher}. Items the OCR
 * stage dead-lettered pass through. A backend failure that the resilience layer could not overcome dead-letters
 * the item; a {@link RestrictedContentException} is a routing bug and fails the step.
 */
public final class EnrichingDocumentHandler implements ItemHandler {

    /** The field of {@link EnrichedDocumentResult} a batched summary goes into. */
    static final String SUMMARY_FIELD = "summary";

    private final ItemHandler textExtraction;
    private final DocumentEnricher enricher;
    private final Locality ocrLocality;

    public EnrichingDocumentHandler(ItemHandler textExtraction, DocumentEnricher enricher, Locality ocrLocality) {
        this.textExtraction = textExtraction;
        this.enricher = enricher;
        this.ocrLocality = ocrLocality;
    }

    @Override
    public CompletableFuture<ItemOutcome> handle(WorkItem item) {
        return textExtraction.handle(item).thenCompose(outcome -> {
            if (!(outcome instanceof ItemOutcome.Processed processed)
                    || !(processed.result() instanceof DocumentResult document)) {
                return CompletableFuture.completedFuture(outcome);
            }
            return enricher.enrich(document, ocrLocality)
                    .<ItemOutcome>thenApply(enriched -> new ItemOutcome.Processed(
                            item,
                            enriched.deferred() == null
                                    ? enriched.result()
                                    : new DeferredResult(enriched.result(), SUMMARY_FIELD, enriched.deferred()),
                            enriched.units()))
                    .exceptionally(error -> deadLetterOrFail(item, error));
        });
    }

    private static ItemOutcome deadLetterOrFail(WorkItem item, Throwable error) {
        Throwable cause = FailurePolicy.unwrap(error);
        FailurePolicy.Decision decision = FailurePolicy.decide(cause);
        if (decision == FailurePolicy.Decision.FATAL || decision == FailurePolicy.Decision.OUTAGE) {
            FailurePolicy.deadLetterOrThrow(item, cause); // throws: the run's problem, not this document's
        }
        if (cause instanceof CallsExhaustedException exhausted) {
            return new ItemOutcome.DeadLettered(
                    item,
                    "enrichment-" + exhausted.lastFailure().kind().name().toLowerCase(java.util.Locale.ROOT),
                    "classification or summary failed: " + exhausted.getMessage(),
                    exhausted.attempts());
        }
        if (cause instanceof BackendException backend) {
            return new ItemOutcome.DeadLettered(
                    item,
                    "enrichment-" + backend.kind().name().toLowerCase(java.util.Locale.ROOT),
                    "classification or summary failed: " + backend.getMessage(),
                    1);
        }
        // RestrictedContentException (a routing bug) and anything unexpected must stop the step, not hide in
        // dead-letters
        throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }
}
