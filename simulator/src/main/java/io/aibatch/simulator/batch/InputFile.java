package io.aibatch.simulator.batch;

import io.aibatch.simulator.content.TokenCounter;
import io.aibatch.simulator.http.Json;
import io.aibatch.simulator.llm.ChatRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A batch input file checked the way the validating phase checks it (the docs' error table): empty_file,
 * too_many_tasks, invalid_json_line, invalid_request (a line that is not {custom_id, method POST, url, body.model}),
 * url_mismatch, model_mismatch, duplicate_custom_id. A UTF-8 BOM is refused with the service's misleading message.
 */
record InputFile(List<Line> lines, List<Problem> problems) {

    /** One request of the file; {@code number} counts from 1. */
    record Line(int number, String customId, JsonNode body) {}

    /** One entry of a failed batch's errors.data; {@code line} is null for file-level problems. */
    record Problem(String code, String message, Integer line) {}

    static InputFile check(byte[] content, String endpoint, int maxRequests) {
        List<Problem> problems = new ArrayList<>();
        if (content.length >= 3
                && (content[0] & 0xFF) == 0xEF
                && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF) {
            problems.add(new Problem("invalid_request", "could not extract a valid model deployment name", 1));
            return new InputFile(List.of(), problems);
        }
        String[] raw = new String(content, StandardCharsets.UTF_8).split("\r?\n");
        List<Line> lines = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String model = null;
        int count = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i].isBlank()) {
                continue;
            }
            count++;
            int number = i + 1;
            JsonNode node = Json.parseOrNull(raw[i].getBytes(StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                problems.add(
                        new Problem("invalid_json_line", "Line " + number + " is not a valid JSON object.", number));
                continue;
            }
            String customId = node.path("custom_id").asString("");
            JsonNode body = node.get("body");
            String lineModel = body == null ? "" : body.path("model").asString("");
            if (customId.isEmpty()
                    || !"POST".equals(node.path("method").asString(""))
                    || body == null
                    || !body.isObject()
                    || lineModel.isEmpty()
                    || !node.has("url")) {
                problems.add(new Problem(
                        "invalid_request",
                        "Line " + number + " must have custom_id, method POST, url and a body naming the model.",
                        number));
                continue;
            }
            if (!endpoint.equals(node.path("url").asString(""))) {
                problems.add(new Problem(
                        "url_mismatch",
                        "The url of line " + number + " does not match the batch endpoint " + endpoint + ".",
                        number));
                continue;
            }
            if (model == null) {
                model = lineModel;
            } else if (!model.equals(lineModel)) {
                problems.add(new Problem(
                        "model_mismatch",
                        "Line " + number + " names deployment '" + lineModel + "' but the file uses '" + model
                                + "'; all lines must use the same deployment.",
                        number));
                continue;
            }
            if (!ids.add(customId)) {
                problems.add(new Problem(
                        "duplicate_custom_id",
                        "The custom_id '" + customId + "' of line " + number + " is not unique in the file.",
                        number));
                continue;
            }
            lines.add(new Line(number, customId, body));
        }
        if (count == 0) {
            problems.add(
                    new Problem("empty_file", "The input file is empty; it must contain at least one request.", null));
        } else if (count > maxRequests) {
            problems.add(new Problem(
                    "too_many_tasks",
                    "The input file has " + count + " requests; the limit is " + maxRequests + " per file.",
                    null));
        }
        return new InputFile(List.copyOf(lines), List.copyOf(problems));
    }

    /**
     * Input tokens of the file as the enqueued-token quota counts them (prompt tokens only), for whatever lines parse;
     * used at create time, before validation.
     */
    static long enqueuedTokens(byte[] content) {
        long sum = 0;
        for (String raw : new String(content, StandardCharsets.UTF_8).split("\r?\n")) {
            JsonNode node = raw.isBlank() ? null : Json.parseOrNull(raw.getBytes(StandardCharsets.UTF_8));
            if (node == null) {
                continue;
            }
            try {
                sum += TokenCounter.countChat(
                        ChatRequest.parse(node.get("body")).contents());
            } catch (RuntimeException unparsable) {
                // the validating phase reports it; it enqueues nothing
            }
        }
        return sum;
    }
}
