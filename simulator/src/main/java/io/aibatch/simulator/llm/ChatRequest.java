package io.aibatch.simulator.llm;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The parts of a chat completion request the simulator acts on. Parsing is lenient where the services are
 * lenient and strict where they answer 400.
 *
 * @param maxTokens  max_completion_tokens or max_tokens; null when the client set neither
 * @param jsonSchema the schema of {@code response_format: {type: json_schema, json_schema: {name, schema}}}; null
 *                   for any other format (an absent schema means "any JSON object", as the spec allows)
 */
public record ChatRequest(
        String model,
        List<Message> messages,
        Integer maxTokens,
        double temperature,
        boolean jsonOutput,
        boolean stream,
        int n,
        JsonNode jsonSchema) {

    public record Message(String role, String content) {}

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
        for (String key : new String[] {"max_completion_tokens", "max_tokens"}) {
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
        JsonNode responseFormat = body.path("response_format");
        String format = responseFormat.path("type").asString("text");
        if (!responseFormat.isMissingNode()
                && !responseFormat.isNull()
                && !java.util.Set.of("text", "json_object", "json_schema").contains(format)) {
            throw new Invalid(
                    "'response_format.type' must be one of 'text', 'json_object' or 'json_schema'",
                    "response_format.type");
        }
        JsonNode jsonSchema = format.equals("json_schema") ? jsonSchema(responseFormat.get("json_schema")) : null;
        int n = body.path("n").asInt(1);
        if (n < 1 || n > 128) {
            throw new Invalid("'n' must be between 1 and 128", "n");
        }
        String model = body.path("model").isString() ? body.get("model").stringValue() : null;
        return new ChatRequest(
                model,
                List.copyOf(messages),
                maxTokens,
                temperature,
                format.equals("json_object") || format.equals("json_schema"),
                body.path("stream").asBoolean(false),
                n,
                jsonSchema);
    }

    /** ResponseFormatJsonSchema: {@code name} is required (a-z, A-Z, 0-9, '_' or '-', at most 64); {@code schema} an object. */
    private static JsonNode jsonSchema(JsonNode spec) {
        if (spec == null || !spec.isObject()) {
            throw new Invalid(
                    "Missing required parameter: 'response_format.json_schema'.", "response_format.json_schema");
        }
        JsonNode name = spec.get("name");
        if (name == null || !name.isString()) {
            throw new Invalid(
                    "Missing required parameter: 'response_format.json_schema.name'.",
                    "response_format.json_schema.name");
        }
        if (!name.stringValue().matches("[A-Za-z0-9_-]{1,64}")) {
            throw new Invalid(
                    "Invalid 'response_format.json_schema.name': must be a-z, A-Z, 0-9, underscores or dashes, at most 64 characters.",
                    "response_format.json_schema.name");
        }
        JsonNode schema = spec.get("schema");
        if (schema == null || schema.isNull()) {
            return tools.jackson.databind.node.JsonNodeFactory.instance
                    .objectNode()
                    .put("type", "object");
        }
        if (!schema.isObject()) {
            throw new Invalid(
                    "Invalid type for 'response_format.json_schema.schema': expected an object.",
                    "response_format.json_schema.schema");
        }
        return schema;
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
