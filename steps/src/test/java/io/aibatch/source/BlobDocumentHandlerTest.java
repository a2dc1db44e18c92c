package io.aibatch.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import io.aibatch.blob.Azurite;
import io.aibatch.blob.NumberedPdf;
import io.aibatch.document.DocumentDecoder;
import io.aibatch.document.DocumentLimits;
import io.aibatch.document.DocumentOcrHandler;
import io.aibatch.document.DocumentResult;
import io.aibatch.engine.ocr.OcrEngine;
import io.aibatch.item.WorkItem;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.store.Locations;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The document handler reading from Blob Storage: what becomes of blobs that vanish or change after planning. */
class BlobDocumentHandlerTest {

    private final Azurite azurite = Azurite.shared();
    private BlobContainerClient container;

    @BeforeEach
    void createContainer() {
        container = azurite.newContainer("handler");
        upload("a.pdf", NumberedPdf.of(1));
        upload("vanishes.pdf", NumberedPdf.of(2));
        upload("changes.pdf", NumberedPdf.of(3));
    }

    @Test
    void underProcessCurrentAChangedBlobIsProcessedAsItIsNowAndItsNewEtagRecorded() throws Exception {
        List<ItemOutcome> outcomes = planChangeAndProcess(ChangedItemPolicy.PROCESS_CURRENT);

        DocumentResult unchanged = result(outcomes.get(0));
        assertThat(unchanged.text()).isEqualTo(NumberedPdf.text(1));
        assertThat(unchanged.sourceEtag()).isEqualTo(outcomes.get(0).item().etag());

        DocumentResult changed = result(outcomes.get(1));
        assertThat(changed.text()).isEqualTo(NumberedPdf.text(33));
        assertThat(changed.sourceEtag())
                .isEqualTo(
                        container.getBlobClient("changes.pdf").getProperties().getETag())
                .isNotEqualTo(outcomes.get(1).item().etag());

        assertVanishedIsDeadLetteredAsUnavailable(outcomes.get(2));
    }

    @Test
    void underDeadLetterAChangedBlobIsDeadLetteredAsChanged() throws Exception {
        List<ItemOutcome> outcomes = planChangeAndProcess(ChangedItemPolicy.DEAD_LETTER);

        assertThat(result(outcomes.get(0)).text()).isEqualTo(NumberedPdf.text(1));
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(ItemOutcome.DeadLettered.class, dead -> {
            assertThat(dead.code()).isEqualTo("changed");
            assertThat(dead.reason())
                    .contains("changes.pdf")
                    .contains("changed after the run was planned")
                    .contains("process-current");
        });
        assertVanishedIsDeadLetteredAsUnavailable(outcomes.get(2));
    }

    /** Lists (plans), then deletes one blob and rewrites another, then processes every planned item. */
    private List<ItemOutcome> planChangeAndProcess(ChangedItemPolicy policy) throws Exception {
        ItemSource source =
                Locations.source(azurite.url(container, ""), new SourceOptions(SourceFilter.none(), policy, 100));
        List<WorkItem> planned = new ArrayList<>();
        source.list(planned::add);
        assertThat(planned).extracting(WorkItem::name).containsExactly("a.pdf", "changes.pdf", "vanishes.pdf");

        container.getBlobClient("vanishes.pdf").delete();
        upload("changes.pdf", NumberedPdf.of(33));

        DocumentOcrHandler handler = new DocumentOcrHandler(
                source, new DocumentDecoder(DocumentLimits.defaults()), new NoOcr(), Runnable::run, "test");
        List<ItemOutcome> outcomes = new ArrayList<>();
        for (WorkItem item : planned) {
            outcomes.add(handler.handle(item).join());
        }
        return outcomes;
    }

    private static void assertVanishedIsDeadLetteredAsUnavailable(ItemOutcome outcome) {
        assertThat(outcome).isInstanceOfSatisfying(ItemOutcome.DeadLettered.class, dead -> {
            assertThat(dead.code()).isEqualTo("unavailable");
            assertThat(dead.reason()).contains("vanishes.pdf").contains("no longer exists");
        });
    }

    private static DocumentResult result(ItemOutcome outcome) {
        assertThat(outcome).isInstanceOf(ItemOutcome.Processed.class);
        return (DocumentResult) ((ItemOutcome.Processed) outcome).result();
    }

    private void upload(String name, byte[] content) {
        container.getBlobClient(name).upload(BinaryData.fromBytes(content), true);
    }

    /** Text-layer PDFs need no OCR; reaching the engine would be a bug in this test. */
    private static final class NoOcr implements OcrEngine {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public OcrText recognize(BufferedImage page, int dpi) {
            throw new AssertionError("text-layer PDFs must not be OCR'd");
        }

        @Override
        public void close() {}
    }
}
