package io.aibatch.engine.llm;

import io.aibatch.engine.Engine;
import java.util.concurrent.CompletableFuture;

/**
 * A chat-completion backend. Calls are asynchronous and are tried once: the future fails with a
 * {@link io.aibatch.engine.BackendException} classified THROTTLED / TRANSIENT / PERMANENT, and the resilience
 * layer that wraps the engine decides about retries. A CLOUD engine throws
 * {@link io.aibatch.engine.RestrictedContentException} (before sending anything) for content that is not
 * known to be unrestricted.
 */
public interface ChatEngine extends Engine {

    CompletableFuture<ChatReply> complete(ChatPrompt prompt);
}
