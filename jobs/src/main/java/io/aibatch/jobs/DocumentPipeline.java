package io.aibatch.jobs;

import io.aibatch.document.DocumentDecoder;
import io.aibatch.document.DocumentOcrHandler;
import io.aibatch.engine.Locality;
import io.aibatch.engine.ocr.OcrEngine;
import io.aibatch.enrich.EnrichingDocumentHandler;
import io.aibatch.pipeline.ItemHandler;
import io.aibatch.source.ItemSource;

import java.util.concurrent.Executor;

/**
 * {@code document-pipeline}: documents → text (PDF text layer or OCR) → classification → restricted check →
 * summary (routed by locality) → one result per document.
 */
public final class DocumentPipeline implements Pipeline {

    public static final String JOB = "document-pipeline";

    private final DocumentDecoder decoder;
    private final OcrEngine ocr;
    private final Executor ocrExecutor;
    private final EnrichmentEngines enrichment;

    public DocumentPipeline(DocumentDecoder decoder, OcrEngine ocr, Executor ocrExecutor, EnrichmentEngines enrichment) {
        this.decoder = decoder;
        this.ocr = ocr;
        this.ocrExecutor = ocrExecutor;
        this.enrichment = enrichment;
    }

    @Override
    public String jobName() {
        return JOB;
    }

    @Override
    public ItemHandler handler(ItemSource source, RunParameters run) {
        ItemHandler textExtraction = new DocumentOcrHandler(source, decoder, ocr, ocrExecutor, run.pipelineVersion());
        // embedded OCR (Tesseract, PDF text layer) runs in this JVM
        return new EnrichingDocumentHandler(textExtraction, enrichment.enricherFor(run), Locality.IN_CLUSTER);
    }
}
