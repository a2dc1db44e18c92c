package io.aibatch.resilience;

import io.aibatch.engine.Locality;
import io.aibatch.engine.llm.ChatEngine;
import io.aibatch.engine.llm.ChatPrompt;
import io.aibatch.engine.llm.ChatReply;
import java.util.concurrent.CompletableFuture;

/**
 * A chat engine driven through its backend's executor: rate caps, concurrency limit, retries, timeout, breaker. Each
 * call counts against the backend's tokens-per-minute cap with {@link #estimatedTokens}, settled with the reply's usage.
 */
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
        return backend.execute(
                () -> engine.complete(prompt),
                observer,
                estimatedTokens(prompt),
                reply -> reply.tokensIn() + reply.tokensOut());
    }

    /**
     * Tokens a call may use, known before it is sent: its instruction and content at 4 characters a token (the usual
     * rule of thumb for English with OpenAI tokenizers) plus the completion limit, which is how Azure OpenAI itself
     * counts a request against a deployment's tokens-per-minute when it admits it.
     */
    public static long estimatedTokens(ChatPrompt prompt) {
        long characters = (prompt.system() == null ? 0 : prompt.system().length())
                + (prompt.user() == null ? 0 : prompt.user().length());
        return characters / 4 + Math.max(0, prompt.maxTokens());
    }
}
