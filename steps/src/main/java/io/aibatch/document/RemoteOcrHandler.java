package io.aibatch.document;

import io.aibatch.engine.LocalityGuard;
import io.aibatch.engine.Sensitivity;
import io.aibatch.engine.ocr.OcrDocument;
import io.aibatch.engine.ocr.RemoteOcrEngine;
import io.aibatch.item.WorkItem;
import io.aibatch.pipeline.ItemHandler;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.pipeline.Units;
import io.aibatch.resilience.BackendExecutor;
import io.aibatch.resilience.CallObserver;
import io.aibatch.resilience.FailurePolicy;
import io.aibatch.source.ContentBytes;
import io.aibatch.source.ItemContent;
import io.aibatch.source.ItemSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The document pipeline's work on one item with a remote OCR service (Read container, Document
 * Intelligence): download (size-guarded) on the I/O executor, reject what is certainly unusable
 * before spending a backend call, then send the whole document through the backend's executor
 * (concurrency limit, retries, breaker). The backend's own rejections (4xx) and exhausted retries
 * become dead-letters with the backend's message and the number of attempts.
 */
public final class RemoteOcrHandler implements ItemHandler {

    private final ItemSource source;
    private final DocumentDecoder decoder;
    private final RemoteOcrEngine ocr;
    private final BackendExecutor backend;
    private final Executor io;
    private final CallObserver observer;
    private final String pipelineVersion;
    private final Function<WorkItem, Sensitivity> sensitivity;

    public RemoteOcrHandler(
            ItemSource source,
            DocumentDecoder decoder,
            RemoteOcrEngine ocr,
            BackendExecutor backend,
            Executor io,
            CallObserver observer,
            String pipelineVersion) {
        this(source, decoder, ocr, backend, io, observer, pipelineVersion, item -> Sensitivity.UNCHECKED);
    }

    /**
     * @param sensitivity what is known about an item before OCR: nothing (UNCHECKED) unless an earlier in-cluster
     *                    run cleared it; a CLOUD OCR engine refuses anything but UNRESTRICTED
     */
    public RemoteOcrHandler(
            ItemSource source,
            DocumentDecoder decoder,
            RemoteOcrEngine ocr,
            BackendExecutor backend,
            Executor io,
            CallObserver observer,
            String pipelineVersion,
            Function<WorkItem, Sensitivity> sensitivity) {
        this.sensitivity = sensitivity;
        this.source = source;
        this.decoder = decoder;
        this.ocr = ocr;
        this.backend = backend;
        this.io = io;
        this.observer = observer;
        this.pipelineVersion = pipelineVersion;
    }

    @Override
    public CompletableFuture<ItemOutcome> handle(WorkItem item) {
        long started = System.nanoTime();
        return CompletableFuture.supplyAsync(() -> download(item), io)
                .thenCompose(document -> {
                    // a document is unchecked before OCR: a cloud engine may only see items cleared by an in-cluster
                    // run
                    LocalityGuard.check(ocr, item.source(), sensitivity.apply(item));
                    return backend.execute(
                                    () -> ocr.recognize(
                                            document.content(), document.type().mediaType()),
                                    observer)
                            .thenApply(text -> processed(item, document, text, started));
                })
                .exceptionallyCompose(error -> deadLetter(item, error));
    }

    /** The bytes read, their type, and the version (etag) they came from. */
    private record Downloaded(byte[] content, DocumentType type, String etag) {}

    private Downloaded download(WorkItem item) {
        decoder.checkSize(item.size());
        try (ItemContent opened = source.openContent(item)) {
            byte[] content = ContentBytes.read(
                    opened.stream(), item.size(), decoder.limits().maxBytes() + 1);
            decoder.checkSize(content.length);
            DocumentType type = decoder.identify(item.name(), item.extension(), content);
            decoder.checkImageHeader(type, content);
            return new Downloaded(content, type, opened.etag());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ItemOutcome processed(WorkItem item, Downloaded document, OcrDocument text, long started) {
        List<DocumentResult.PageDetail> details = new ArrayList<>();
        for (int page = 0; page < text.pages().size(); page++) {
            details.add(new DocumentResult.PageDetail(
                    page + 1, "ocr", text.pages().get(page).length(), -1));
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        DocumentResult result = new DocumentResult(
                item.id(),
                item.source(),
                item.name(),
                document.type().mediaType(),
                text.pages().size(),
                text.text(),
                text.engine(),
                details,
                pipelineVersion,
                elapsedMs,
                document.etag());
        return new ItemOutcome.Processed(item, result, Units.pages(text.pages().size()));
    }

    /** Item problems become dead-letters; anything else (backend down for good, refused configuration) fails the step. */
    private CompletableFuture<ItemOutcome> deadLetter(WorkItem item, Throwable error) {
        try {
            return done(FailurePolicy.deadLetterOrThrow(item, error));
        } catch (RuntimeException | Error runLevel) {
            return CompletableFuture.failedFuture(runLevel);
        }
    }

    private static CompletableFuture<ItemOutcome> done(ItemOutcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }
}
