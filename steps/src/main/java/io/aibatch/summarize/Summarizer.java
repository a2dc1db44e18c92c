package io.aibatch.summarize;

import io.aibatch.engine.Engine;
import io.aibatch.engine.Sensitivity;
import java.util.concurrent.CompletableFuture;

/** Writes a short summary of a document. CLOUD summarisers refuse content that is not {@link Sensitivity#UNRESTRICTED}. */
public interface Summarizer extends Engine {

    /**
     * @param itemSource  the item, for messages and the locality guard
     * @param sensitivity what the restriction check decided about this text
     */
    CompletableFuture<Summary> summarize(String itemSource, String text, Sensitivity sensitivity);
}
