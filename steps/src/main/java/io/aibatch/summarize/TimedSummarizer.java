package io.aibatch.summarize;

import io.aibatch.engine.Locality;
import io.aibatch.engine.Sensitivity;
import io.aibatch.report.EmbeddedTiming;
import io.aibatch.resilience.CallObserver;
import java.util.concurrent.CompletableFuture;

/** An embedded summariser whose every document is timed for the slice's statistics (backend {@code embedded/<engine>}). */
public final class TimedSummarizer implements Summarizer {

    private final Summarizer summarizer;
    private final EmbeddedTiming timing;

    public TimedSummarizer(Summarizer summarizer, CallObserver observer) {
        this.summarizer = summarizer;
        this.timing = new EmbeddedTiming(summarizer.name(), observer);
    }

    @Override
    public String name() {
        return summarizer.name();
    }

    @Override
    public Locality locality() {
        return summarizer.locality();
    }

    @Override
    public CompletableFuture<Summary> summarize(String itemSource, String text, Sensitivity sensitivity) {
        return timing.timeAsync(() -> summarizer.summarize(itemSource, text, sensitivity));
    }
}
