package io.aibatch.simulator.llm;

import io.aibatch.simulator.engine.BackendRuntime;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides which json_schema replies of one LLM backend come out invalid ({@code invalidStructuredOutputRatio}): half
 * of them malformed JSON, half JSON that violates the schema. Draws come from the backend's seeded streams, numbered
 * per structured request, so a rerun after a reset sees the same replies, and a retry of the same prompt can succeed.
 */
final class InvalidOutputs {

    private static final long SALT = 0x5C4E3AL;

    private final BackendRuntime runtime;
    private final AtomicLong structuredRequests = new AtomicLong();

    InvalidOutputs(BackendRuntime runtime) {
        this.runtime = runtime;
        runtime.onReset(() -> structuredRequests.set(0));
    }

    LlmResponder.InvalidOutput draw(ChatRequest request) {
        double ratio = runtime.config().invalidStructuredOutputRatio();
        if (request.jsonSchema() == null || ratio <= 0) {
            return LlmResponder.InvalidOutput.NONE;
        }
        SplittableRandom random = runtime.extraRandom(structuredRequests.getAndIncrement(), SALT);
        if (random.nextDouble() >= ratio) {
            return LlmResponder.InvalidOutput.NONE;
        }
        return random.nextBoolean()
                ? LlmResponder.InvalidOutput.MALFORMED_JSON
                : LlmResponder.InvalidOutput.SCHEMA_VIOLATION;
    }
}
