package io.aibatch.simulator.llm;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a chat completion request the simulator acts on. Parsing is lenient where the services are
 * lenient and strict where they answer 400.
 *
 * @param maxTokens max_completion_tokens or max_tokens; null when the client set neither
 */
public record ChatRequest(String model, List<Message> messages, Integer maxTokens, double temperature,
                          boolean jsonOutput, boolean stream, int n) {

    public record Message(String role, String content) {
    }

    /** A request the service would refuse with 400; {@code param} names the offending field, as OpenAI errors do. */
    public static final class Invalid extends RuntimeException {
        private final String param;

        Invalid(String message, String param) {
            super(message);
            this.param = param;
        }

        public String param() {
            return param;
        }
    }

    public static ChatRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new Invalid("The request body must be a JSON object.", null);
        }
        JsonNode msgs = body.get("messages");
        if (msgs == null || !msgs.isArray()) {
            throw new Invalid("'messages' is a required property", "messages");
        }
        if (msgs.isEmpty()) {
            throw new Invalid("'messages' must contain at least one message", "messages");
        }
        List<Message> messages = new ArrayList<>();
        for (JsonNode m : msgs) {
            String role = m.path("role").asString("");
            if (role.isEmpty()) {
                throw new Invalid("each message needs a 'role'", "messages");
            }
            messages.add(new Message(role, content(m.get("content"))));
        }
        Integer maxTokens = null;
        for (String key : new String[]{"max_completion_tokens", "max_tokens"}) {
            JsonNode v = body.get(key);
            if (v != null && !v.isNull()) {
                if (!v.isIntegralNumber() || v.asInt() < 1) {
                    throw new Invalid("'" + key + "' must be a positive integer", key);
                }
                maxTokens = v.asInt();
                break;
            }
        }
        double temperature = body.path("temperature").asDouble(1.0);
        if (temperature < 0 || temperature > 2) {
            throw new Invalid("'temperature' must be between 0 and 2", "temperature");
        }
        String format = body.path("response_format").path("type").asString("text");
        int n = body.path("n").asInt(1);
        if (n < 1 || n > 128) {
            throw new Invalid("'n' must be between 1 and 128", "n");
        }
        String model = body.path("model").isString() ? body.get("model").stringValue() : null;
        return new ChatRequest(model, List.copyOf(messages), maxTokens, temperature,
                format.equals("json_object") || format.equals("json_schema"), body.path("stream").asBoolean(false), n);
    }

    /** Message content is a string or an array of parts; only text parts carry text. */
    private static String content(JsonNode c) {
        if (c == null || c.isNull()) {
            return "";
        }
        if (c.isString()) {
            return c.stringValue();
        }
        if (c.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : c) {
                if (part.path("type").asString("").equals("text")) {
                    if (sb.length() > 0) {
                        sb.append('\n');
                    }
                    sb.append(part.path("text").asString(""));
                }
            }
            return sb.toString();
        }
        throw new Invalid("message 'content' must be a string or an array of content parts", "messages");
    }

    public List<String> contents() {
        return messages.stream().map(Message::content).toList();
    }
}
