package io.aibatch.document;

import io.aibatch.engine.ocr.OcrEngine;
import io.aibatch.item.WorkItem;
import io.aibatch.pipeline.ItemHandler;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.pipeline.RejectedItemException;
import io.aibatch.pipeline.Units;
import io.aibatch.source.ContentBytes;
import io.aibatch.source.ItemContent;
import io.aibatch.source.ItemSource;
import io.aibatch.source.ItemUnavailableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The document pipeline's work on one item with an embedded OCR engine: download (size-guarded),
 * identify, decode page by page, read text from the text layer or by OCR, assemble one result.
 * Runs on a bounded executor because embedded OCR is CPU-bound.
 */
public final class DocumentOcrHandler implements ItemHandler {

    private static final Logger log = LoggerFactory.getLogger(DocumentOcrHandler.class);

    private final ItemSource source;
    private final DocumentDecoder decoder;
    private final OcrEngine ocr;
    private final Executor executor;
    private final String pipelineVersion;
    private final io.aibatch.report.EmbeddedTiming textLayer;

    public DocumentOcrHandler(
            ItemSource source, DocumentDecoder decoder, OcrEngine ocr, Executor executor, String pipelineVersion) {
        this(source, decoder, ocr, executor, pipelineVersion, io.aibatch.resilience.CallObserver.NONE);
    }

    /** @param observer told how long each page read from a PDF's text layer took (backend {@code embedded/pdf-text-layer}) */
    public DocumentOcrHandler(
            ItemSource source,
            DocumentDecoder decoder,
            OcrEngine ocr,
            Executor executor,
            String pipelineVersion,
            io.aibatch.resilience.CallObserver observer) {
        this.source = source;
        this.decoder = decoder;
        this.ocr = ocr;
        this.executor = executor;
        this.pipelineVersion = pipelineVersion;
        this.textLayer = new io.aibatch.report.EmbeddedTiming(TEXT_LAYER, observer);
    }

    static final String TEXT_LAYER = "pdf-text-layer";

    @Override
    public CompletableFuture<ItemOutcome> handle(WorkItem item) {
        return CompletableFuture.supplyAsync(() -> process(item), executor);
    }

    ItemOutcome process(WorkItem item) {
        long started = System.nanoTime();
        try {
            Download download = download(item);
            byte[] content = download.content();
            DocumentType type = decoder.identify(item.name(), item.extension(), content);
            List<DocumentResult.PageDetail> details = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            long[] pageStarted = {System.nanoTime()};
            decoder.decode(type, content, page -> {
                String pageText = read(page, details);
                if (page instanceof DocumentPage.TextPage) {
                    // the decoder extracted this page's text layer between the previous page and now
                    textLayer.record(System.nanoTime() - pageStarted[0]);
                }
                if (!text.isEmpty()) {
                    text.append('\f');
                }
                text.append(pageText);
                pageStarted[0] = System.nanoTime();
            });
            boolean anyOcr = details.stream().anyMatch(d -> d.method().equals("ocr"));
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            DocumentResult result = new DocumentResult(
                    item.id(),
                    item.source(),
                    item.name(),
                    type.mediaType(),
                    details.size(),
                    text.toString(),
                    anyOcr ? ocr.name() : TEXT_LAYER,
                    details,
                    pipelineVersion,
                    elapsedMs,
                    download.etag());
            return new ItemOutcome.Processed(item, result, Units.pages(details.size()));
        } catch (RejectedItemException e) {
            return new ItemOutcome.DeadLettered(item, e.code(), e.getMessage(), 1);
        } catch (ItemUnavailableException e) {
            return new ItemOutcome.DeadLettered(item, e.code(), e.getMessage(), 1);
        } catch (IOException | RuntimeException e) {
            log.warn("unexpected failure on {}", item.source(), e);
            return new ItemOutcome.DeadLettered(item, "error", "unexpected error: " + e, 1);
        }
    }

    private Download download(WorkItem item) throws IOException {
        decoder.checkSize(item.size());
        try (ItemContent opened = source.openContent(item)) {
            // read one byte past the limit: a file that grew after planning is caught too
            byte[] content = ContentBytes.read(
                    opened.stream(), item.size(), decoder.limits().maxBytes() + 1);
            decoder.checkSize(content.length);
            return new Download(content, opened.etag());
        }
    }

    /** The bytes read, and the version (etag) they came from. */
    private record Download(byte[] content, String etag) {}

    private String read(DocumentPage page, List<DocumentResult.PageDetail> details) {
        if (page instanceof DocumentPage.TextPage textPage) {
            details.add(new DocumentResult.PageDetail(
                    page.number(), "text-layer", textPage.text().length(), 1.0));
            return textPage.text();
        }
        DocumentPage.ImagePage imagePage = (DocumentPage.ImagePage) page;
        OcrEngine.OcrText recognized = ocr.recognize(imagePage.image(), imagePage.dpi());
        details.add(new DocumentResult.PageDetail(
                page.number(), "ocr", recognized.text().length(), recognized.confidence()));
        return recognized.text();
    }
}
