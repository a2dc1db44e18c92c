package io.aibatch.simulator.llm;

import io.aibatch.simulator.http.Json;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The chat.completion object both LLM backends return (each adds its own extras). */
public final class ChatCompletionBody {

    private ChatCompletionBody() {}

    public static ObjectNode build(String model, LlmResponder.Answer answer, int n, int promptTokens) {
        ObjectNode body = Json.object();
        body.put("id", "chatcmpl-" + UUID.randomUUID().toString().replace("-", ""));
        body.put("object", "chat.completion");
        body.put("created", Instant.now().getEpochSecond());
        body.put("model", model);
        ArrayNode choices = body.putArray("choices");
        for (int i = 0; i < n; i++) {
            ObjectNode choice = choices.addObject();
            choice.put("index", i);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", answer.content());
            message.putNull("refusal");
            choice.putNull("logprobs");
            choice.put("finish_reason", answer.finishReason());
        }
        ObjectNode usage = body.putObject("usage");
        int completion = answer.completionTokens() * n;
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", promptTokens + completion);
        return body;
    }

    /** Schema-violating variant for the 'malformed' fault: no choices array, usage counts as strings. */
    public static ObjectNode schemaViolating(ObjectNode valid) {
        ObjectNode broken = valid.deepCopy();
        broken.put("choices", "unavailable");
        broken.putObject("usage").put("prompt_tokens", "many");
        broken.remove("created");
        return broken;
    }
}
