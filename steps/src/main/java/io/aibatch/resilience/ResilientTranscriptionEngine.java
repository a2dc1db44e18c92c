package io.aibatch.resilience;

import io.aibatch.engine.Locality;
import io.aibatch.engine.speech.PcmAudio;
import io.aibatch.engine.speech.Transcript;
import io.aibatch.engine.speech.TranscriptionEngine;
import java.util.concurrent.CompletableFuture;

/** A transcription engine driven through its backend's executor: concurrency limit, retries, timeout, breaker. */
public final class ResilientTranscriptionEngine implements TranscriptionEngine {

    private final TranscriptionEngine engine;
    private final BackendExecutor backend;
    private final CallObserver observer;

    public ResilientTranscriptionEngine(TranscriptionEngine engine, BackendExecutor backend, CallObserver observer) {
        this.engine = engine;
        this.backend = backend;
        this.observer = observer;
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public Locality locality() {
        return engine.locality();
    }

    @Override
    public CompletableFuture<Transcript> transcribe(PcmAudio audio) {
        return backend.execute(() -> engine.transcribe(audio), observer);
    }

    /** The wrapped engine is shared by every slice; it is closed by its owner, not here. */
    @Override
    public void close() {}
}
