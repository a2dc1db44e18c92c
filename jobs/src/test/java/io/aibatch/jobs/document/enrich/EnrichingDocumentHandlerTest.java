package io.aibatch.jobs.document.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aibatch.classify.Classification;
import io.aibatch.classify.DocumentClassifier;
import io.aibatch.document.DocumentResult;
import io.aibatch.engine.BackendException;
import io.aibatch.engine.Locality;
import io.aibatch.engine.LocalityGuard;
import io.aibatch.engine.RestrictedContentException;
import io.aibatch.engine.Sensitivity;
import io.aibatch.item.WorkItem;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.routing.EngineUse;
import io.aibatch.routing.RestrictionPolicy;
import io.aibatch.routing.SummaryRouter;
import io.aibatch.routing.detect.TaxFileNumberDetector;
import io.aibatch.summarize.Summarizer;
import io.aibatch.summarize.Summary;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The enrichment stage composed after text extraction: fields, routing record, failure handling. */
class EnrichingDocumentHandlerTest {

    static final WorkItem ITEM = WorkItem.of("in/doc.png", "doc.png", 10, Instant.EPOCH, null);

    record Classifier(String label) implements DocumentClassifier {
        public String name() {
            return "classifier";
        }

        public Locality locality() {
            return Locality.IN_CLUSTER;
        }

        public CompletableFuture<Classification> classify(String itemSource, String text) {
            return CompletableFuture.completedFuture(new Classification(label, 0.5, name(), 0, 0));
        }
    }

    /** A summariser that behaves like a real engine at the boundary: guard first, then the call. */
    record Engine(String name, Locality locality, Function<String, CompletableFuture<Summary>> call)
            implements Summarizer {
        public CompletableFuture<Summary> summarize(String itemSource, String text, Sensitivity sensitivity) {
            LocalityGuard.check(this, itemSource, sensitivity);
            return call.apply(text);
        }
    }

    static Engine ok(String name, Locality locality) {
        return new Engine(
                name,
                locality,
                text -> CompletableFuture.completedFuture(new Summary("summary by " + name, name, 7, 3)));
    }

    static EnrichingDocumentHandler handler(String label, SummaryRouter router, String text) {
        DocumentResult document = new DocumentResult(
                ITEM.id(), ITEM.source(), ITEM.name(), "image/png", 1, text, "tesseract-5.5.1", List.of(), "test", 5);
        DocumentEnricher enricher = new DocumentEnricher(
                new Classifier(label),
                new RestrictionPolicy(Set.of("hr-record"), List.of(new TaxFileNumberDetector(false))),
                router);
        return new EnrichingDocumentHandler(
                item -> CompletableFuture.completedFuture(
                        new ItemOutcome.Processed(item, document, io.aibatch.pipeline.Units.pages(1))),
                enricher,
                Locality.IN_CLUSTER);
    }

    @Test
    void anUnrestrictedDocumentIsSummarisedInTheCloudAndTheResultSaysSo() {
        ItemOutcome outcome = handler(
                        "invoice",
                        new SummaryRouter(
                                ok("kaito", Locality.IN_CLUSTER),
                                ok("azure", Locality.CLOUD),
                                ok("embedded", Locality.IN_CLUSTER)),
                        "TAX INVOICE total $5")
                .handle(ITEM)
                .join();
        EnrichedDocumentResult result = (EnrichedDocumentResult) ((ItemOutcome.Processed) outcome).result();
        assertThat(result.category()).isEqualTo("invoice");
        assertThat(result.restricted()).isFalse();
        assertThat(result.summary()).isEqualTo("summary by azure");
        assertThat(result.routing())
                .containsExactly(
                        new EngineUse("tesseract-5.5.1", Locality.IN_CLUSTER, "ocr"),
                        new EngineUse("classifier", Locality.IN_CLUSTER, "classify"),
                        new EngineUse("azure", Locality.CLOUD, "summarize"));
        assertThat(((ItemOutcome.Processed) outcome).units().tokensIn()).isEqualTo(7);
    }

    @Test
    void aDocumentWithATaxFileNumberStaysInTheClusterWhateverItsLabel() {
        ItemOutcome outcome = handler(
                        "invoice",
                        new SummaryRouter(null, ok("azure", Locality.CLOUD), ok("embedded", Locality.IN_CLUSTER)),
                        "Invoice for TFN 123 456 782")
                .handle(ITEM)
                .join();
        EnrichedDocumentResult result = (EnrichedDocumentResult) ((ItemOutcome.Processed) outcome).result();
        assertThat(result.restrictedReasons()).containsExactly("tfn");
        assertThat(result.summaryEngine()).isEqualTo("embedded");
        assertThat(result.routing()).extracting(EngineUse::locality).containsOnly(Locality.IN_CLUSTER);
    }

    @Test
    void aBackendFailureDeadLettersTheItem() {
        Engine failing = new Engine(
                "kaito",
                Locality.IN_CLUSTER,
                text -> CompletableFuture.failedFuture(
                        BackendException.permanent("kaito", 400, "context length exceeded")));
        ItemOutcome outcome = handler(
                        "hr-record", new SummaryRouter(failing, null, ok("embedded", Locality.IN_CLUSTER)), "x")
                .handle(ITEM)
                .join();
        assertThat(outcome).isInstanceOf(ItemOutcome.DeadLettered.class);
        assertThat(((ItemOutcome.DeadLettered) outcome).code()).isEqualTo("enrichment-permanent");
        assertThat(((ItemOutcome.DeadLettered) outcome).reason()).contains("context length exceeded");
    }

    @Test
    void restrictedContentReachingACloudEngineFailsTheStepInsteadOfDeadLettering() {
        // an engine boundary that refuses (as a CLOUD engine does when a routing bug sends it restricted text)
        Engine refusing = new Engine("misrouted", Locality.IN_CLUSTER, text -> {
            throw new RestrictedContentException("misrouted", ITEM.source());
        });
        CompletableFuture<ItemOutcome> outcome = handler(
                        "hr-record", new SummaryRouter(refusing, null, ok("embedded", Locality.IN_CLUSTER)), "x")
                .handle(ITEM);
        assertThatThrownBy(outcome::join)
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(RestrictedContentException.class);
    }

    @Test
    void theCloudBoundaryRefusesRestrictedAndUncheckedText() {
        Engine azure = ok("azure", Locality.CLOUD);
        for (Sensitivity sensitivity : List.of(Sensitivity.RESTRICTED, Sensitivity.UNCHECKED)) {
            assertThatThrownBy(() -> azure.summarize(ITEM.source(), "text", sensitivity))
                    .isInstanceOf(RestrictedContentException.class);
        }
        assertThat(azure.summarize(ITEM.source(), "text", Sensitivity.UNRESTRICTED)
                        .join()
                        .text())
                .isEqualTo("summary by azure");
    }
}
