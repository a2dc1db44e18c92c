package io.aibatch.classify;

import io.aibatch.engine.Engine;
import java.util.concurrent.CompletableFuture;

/**
 * Gives a document one of the configured labels. Classification happens before the restriction check, so the
 * text is {@link io.aibatch.engine.Sensitivity#UNCHECKED}: only IN_CLUSTER engines can classify.
 */
public interface DocumentClassifier extends Engine {

    CompletableFuture<Classification> classify(String itemSource, String text);
}
