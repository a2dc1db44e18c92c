package io.aibatch.engine.speech;

import io.aibatch.engine.Engine;
import java.util.concurrent.CompletableFuture;

/**
 * Speech to text for one whole audio file. Implementations complete exceptionally only with a classified
 * {@link io.aibatch.engine.BackendException}; they do not retry requests (a resilience layer does), but an engine
 * whose protocol streams a file may continue that same file after a dropped connection (see
 * {@link AzureSpeechContainerEngine}).
 */
public interface TranscriptionEngine extends Engine, AutoCloseable {

    CompletableFuture<Transcript> transcribe(PcmAudio audio);

    @Override
    default void close() {}
}
