package io.aibatch.jobs;

import io.aibatch.document.DocumentDecoder;
import io.aibatch.document.DocumentOcrHandler;
import io.aibatch.engine.ocr.OcrEngine;
import io.aibatch.pipeline.ItemHandler;
import io.aibatch.source.ItemSource;

import java.util.concurrent.Executor;

/** {@code document-pipeline}: documents → text (PDF text layer or OCR) → one result per document. */
public final class DocumentPipeline implements Pipeline {

    public static final String JOB = "document-pipeline";

    private final DocumentDecoder decoder;
    private final OcrEngine ocr;
    private final Executor ocrExecutor;

    public DocumentPipeline(DocumentDecoder decoder, OcrEngine ocr, Executor ocrExecutor) {
        this.decoder = decoder;
        this.ocr = ocr;
        this.ocrExecutor = ocrExecutor;
    }

    @Override
    public String jobName() {
        return JOB;
    }

    @Override
    public ItemHandler handler(ItemSource source, RunParameters run) {
        return new DocumentOcrHandler(source, decoder, ocr, ocrExecutor, run.pipelineVersion());
    }
}
