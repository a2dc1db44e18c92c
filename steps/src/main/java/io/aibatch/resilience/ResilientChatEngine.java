package io.aibatch.resilience;

import io.aibatch.engine.Locality;
import io.aibatch.engine.llm.ChatEngine;
import io.aibatch.engine.llm.ChatPrompt;
import io.aibatch.engine.llm.ChatReply;
import java.util.concurrent.CompletableFuture;

/** A chat engine driven through its backend's executor: concurrency limit, retries, timeout, breaker. */
public final class ResilientChatEngine implements ChatEngine {

    private final ChatEngine engine;
    private final BackendExecutor backend;
    private final CallObserver observer;

    public ResilientChatEngine(ChatEngine engine, BackendExecutor backend, CallObserver observer) {
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
    public CompletableFuture<ChatReply> complete(ChatPrompt prompt) {
        return backend.execute(() -> engine.complete(prompt), observer);
    }
}
