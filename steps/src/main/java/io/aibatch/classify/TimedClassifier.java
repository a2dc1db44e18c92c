package io.aibatch.classify;

import io.aibatch.engine.Locality;
import io.aibatch.report.EmbeddedTiming;
import io.aibatch.resilience.CallObserver;
import java.util.concurrent.CompletableFuture;

/** An embedded classifier whose every document is timed for the slice's statistics (backend {@code embedded/<engine>}). */
public final class TimedClassifier implements DocumentClassifier {

    private final DocumentClassifier classifier;
    private final EmbeddedTiming timing;

    public TimedClassifier(DocumentClassifier classifier, CallObserver observer) {
        this.classifier = classifier;
        this.timing = new EmbeddedTiming(classifier.name(), observer);
    }

    @Override
    public String name() {
        return classifier.name();
    }

    @Override
    public Locality locality() {
        return classifier.locality();
    }

    @Override
    public CompletableFuture<Classification> classify(String itemSource, String text) {
        return timing.timeAsync(() -> classifier.classify(itemSource, text));
    }
}
