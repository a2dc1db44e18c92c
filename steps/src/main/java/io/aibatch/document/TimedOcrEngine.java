package io.aibatch.document;

import io.aibatch.engine.ocr.OcrEngine;
import io.aibatch.report.EmbeddedTiming;
import io.aibatch.resilience.CallObserver;
import java.awt.image.BufferedImage;

/** An embedded OCR engine whose every page is timed for the slice's statistics (backend {@code embedded/<engine>}). */
public final class TimedOcrEngine implements OcrEngine {

    private final OcrEngine engine;
    private final EmbeddedTiming timing;

    public TimedOcrEngine(OcrEngine engine, CallObserver observer) {
        this.engine = engine;
        this.timing = new EmbeddedTiming(engine.name(), observer);
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public OcrText recognize(BufferedImage page, int dpi) {
        return timing.time(() -> engine.recognize(page, dpi));
    }

    /** The engine is shared by every slice of this JVM: closing one slice's view of it closes nothing. */
    @Override
    public void close() {}
}
