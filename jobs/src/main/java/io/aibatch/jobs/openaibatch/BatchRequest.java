package io.aibatch.jobs.openaibatch;

import io.aibatch.json.Json;
import io.aibatch.pipeline.RejectedItemException;
import io.aibatch.source.LineAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One line of a Batch input file (BatchRequestInput): {@code {custom_id, method, url, body}}.
 *
 * @param customId  the caller's id of the request
 * @param url       the API path, one of {@link #URLS}
 * @param body      the request body, sent as it is (but for {@code model} with {@code --model})
 * @param bodyBytes the body's bytes as the line has them: what is sent when the model is kept, without writing the
 *                  body again (byte for byte what the caller wrote)
 */
record BatchRequest(String customId, String url, ObjectNode body, byte[] bodyBytes) {

    /** The paths the Batch API accepts and an OpenAI-compatible server (vLLM) serves. */
    static final Set<String> URLS = Set.of("/v1/chat/completions", "/v1/embeddings", "/v1/completions");

    /**
     * Parses a line; a line that is not a usable request is rejected with its line number and what is wrong.
     *
     * @throws RejectedItemException {@code malformed-line} (not a JSON object) or {@code invalid-request}
     */
    static BatchRequest parse(byte[] line, LineAddress where) {
        ObjectNode object;
        byte[] bodyBytes = null;
        try (JsonParser parser = Json.MAPPER.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                Json.MAPPER.readTree(line); // invalid JSON is said so, with the parser's reason
                throw new RejectedItemException(
                        "malformed-line", at(where) + " is not a JSON object (line starts " + excerpt(line) + ")");
            }
            // read property by property, as readTree would, noting where the body's bytes are
            object = Json.MAPPER.createObjectNode();
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                long start = parser.currentTokenLocation().getByteOffset();
                JsonNode value = parser.readValueAsTree();
                if (name.equals("body") && value instanceof ObjectNode) {
                    bodyBytes = Arrays.copyOfRange(
                            line,
                            Math.toIntExact(start),
                            Math.toIntExact(parser.currentLocation().getByteOffset()));
                }
                object.set(name, value);
            }
            if (parser.nextToken() != null) {
                throw new RejectedItemException(
                        "malformed-line",
                        at(where) + " is not valid JSON: more follows its object at byte "
                                + parser.currentTokenLocation().getByteOffset() + " (line starts " + excerpt(line)
                                + ")");
            }
        } catch (JacksonException e) {
            throw new RejectedItemException(
                    "malformed-line",
                    at(where) + " is not valid JSON: " + firstLine(e.getOriginalMessage()) + " (line starts "
                            + excerpt(line) + ")");
        }
        JsonNode customId = object.get("custom_id");
        if (customId == null || !customId.isString() || customId.asString().isEmpty()) {
            throw new RejectedItemException("invalid-request", at(where) + " has no custom_id (a non-empty string)");
        }
        String id = customId.asString();
        JsonNode method = object.get("method");
        if (method != null && !method.isNull() && !"POST".equals(method.asString(""))) {
            throw new RejectedItemException(
                    "invalid-request",
                    at(where) + " (custom_id " + id + ") has method " + method + "; only POST is supported");
        }
        JsonNode url = object.get("url");
        if (url == null || !URLS.contains(url.asString(""))) {
            throw new RejectedItemException(
                    "invalid-request",
                    at(where) + " (custom_id " + id + ") has url " + url + "; supported: "
                            + String.join(", ", URLS.stream().sorted().toList()));
        }
        if (!(object.get("body") instanceof ObjectNode body)) {
            throw new RejectedItemException(
                    "invalid-request", at(where) + " (custom_id " + id + ") has no body object");
        }
        return new BatchRequest(id, url.asString(), body, bodyBytes);
    }

    /** The body to send: the line's bytes, or the body with {@code model} replaced when {@code model} is given. */
    byte[] bodyFor(String model) {
        if (model == null || model.isBlank()) {
            return bodyBytes;
        }
        ObjectNode copy = body.deepCopy();
        copy.put("model", model);
        return Json.MAPPER.writeValueAsBytes(copy);
    }

    /** The text a person wrote into the request (message contents, prompts, inputs): what restriction checks read. */
    String text() {
        StringBuilder text = new StringBuilder();
        collect(body, text);
        return text.toString();
    }

    private static void collect(JsonNode node, StringBuilder text) {
        if (node.isString()) {
            text.append(node.asString()).append('\n');
        } else if (node.isContainer()) {
            for (JsonNode child : node.values()) {
                collect(child, text);
            }
        }
    }

    static String at(LineAddress where) {
        return "line " + where.line() + " of " + where.fileName();
    }

    private static String excerpt(byte[] line) {
        String text = new String(line, 0, Math.min(line.length, 60), StandardCharsets.UTF_8);
        return "\u201c" + text + (line.length > 60 ? "…" : "") + "\u201d";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no detail)";
        }
        String line = message.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
