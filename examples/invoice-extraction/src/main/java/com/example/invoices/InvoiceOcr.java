package com.example.invoices;

import io.aibatch.engine.ocr.OcrEngine;
import io.aibatch.engine.ocr.Tessdata;
import io.aibatch.engine.ocr.TesseractOcrEngine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Embedded OCR for this job: Tesseract in this JVM, loaded by the first run that needs it (not by {@code status} or
 * {@code restart} look-ups), on a pool of its own because OCR is CPU-bound.
 */
final class InvoiceOcr implements AutoCloseable {

    private final InvoiceExtractionProperties.Ocr settings;
    private final ExecutorService executor;
    private OcrEngine engine;

    InvoiceOcr(InvoiceExtractionProperties.Ocr settings) {
        this.settings = settings;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(settings.effectiveThreads(), runnable -> {
            Thread thread = new Thread(runnable, "invoice-ocr-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    synchronized OcrEngine engine() {
        if (engine == null) {
            try {
                Path datapath = Tessdata.resolve(settings.datapath(), settings.language(), Path.of(System.getProperty("java.io.tmpdir")));
                engine = new TesseractOcrEngine(datapath, settings.language());
            } catch (IOException e) {
                throw new UncheckedIOException("could not load the Tesseract data for '" + settings.language() + "'", e);
            }
        }
        return engine;
    }

    ExecutorService executor() {
        return executor;
    }

    @Override
    public synchronized void close() {
        executor.shutdownNow();
        if (engine != null) {
            engine.close();
        }
    }
}
