package io.aibatch.simulator.http;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code simulate --api-key K}: every API endpoint answers 401 like the real service when the request does not carry
 * the key the way that service expects it — {@code Ocp-Apim-Subscription-Key} for Read and Document Intelligence,
 * {@code api-key} for Azure OpenAI, {@code Authorization: Bearer} for OpenAI-compatible servers (vLLM, transcription).
 * {@code /health} stays open (a readiness probe sends no key). The Speech container's WebSocket needs no key, like the
 * real container (it is billed through its own start-up key). No key configured: nothing is checked.
 */
public final class ApiKeyGate {

    private final String apiKey;

    public ApiKeyGate(String apiKey) {
        this.apiKey = apiKey == null || apiKey.isEmpty() ? null : apiKey;
    }

    /** The 401 body to send, or null when the request may go on. */
    ObjectNode refusal(String path, Map<String, List<String>> headers) {
        if (apiKey == null || path.equals("/health")) {
            return null;
        }
        if (path.startsWith("/vision/") || path.startsWith("/formrecognizer/")) {
            return apiKey.equals(first(headers, "ocp-apim-subscription-key"))
                    ? null
                    : azure(
                            "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active "
                                    + "subscription and use a correct regional API endpoint for your resource.");
        }
        if (path.startsWith("/openai/")) {
            return apiKey.equals(first(headers, "api-key"))
                    ? null
                    : azure(
                            "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active "
                                    + "subscription and use a correct regional API endpoint for your resource.");
        }
        if (("Bearer " + apiKey).equals(first(headers, "authorization"))) {
            return null;
        }
        // OpenAI's shape (never echoing the key that was sent)
        ObjectNode error = Json.object();
        error.putObject("error")
                .put("message", "Incorrect API key provided. You can find your API key in your account settings.")
                .put("type", "invalid_request_error")
                .putNull("param")
                .put("code", "invalid_api_key");
        return error;
    }

    private static ObjectNode azure(String message) {
        ObjectNode body = Json.object();
        body.putObject("error").put("code", "401").put("message", message);
        return body;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
