package io.aibatch.simulator.llm;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A vLLM {@code POST /v1/embeddings} body (kaito/api_spec.json EmbeddingRequest): {@code model} and {@code input}
 * required; input is a string, an array of strings, an array of token ids or an array of such arrays;
 * {@code encoding_format} float (default) or base64; {@code dimensions} optional. Additional properties are refused,
 * as the spec's {@code additionalProperties: false} does.
 *
 * @param inputs one text per embedding (token-id inputs as their ids joined by spaces)
 * @param tokens the inputs' tokens (token-id inputs count one per id)
 */
record EmbeddingRequest(String model, List<String> inputs, int tokens, boolean base64, Integer dimensions) {

    static final java.util.Set<String> PROPERTIES =
            java.util.Set.of("model", "input", "encoding_format", "dimensions", "user", "additional_data");

    static EmbeddingRequest parse(JsonNode json) throws ChatRequest.Invalid {
        if (json == null || !json.isObject()) {
            throw new ChatRequest.Invalid("the body must be a JSON object", null);
        }
        for (String name : json.propertyNames()) {
            if (!PROPERTIES.contains(name)) {
                throw new ChatRequest.Invalid("Extra inputs are not permitted: " + name, name);
            }
        }
        JsonNode model = json.get("model");
        if (model == null || !model.isString()) {
            throw new ChatRequest.Invalid("model is required (a string)", "model");
        }
        JsonNode input = json.get("input");
        List<String> inputs = new ArrayList<>();
        int tokens = 0;
        if (input != null && input.isString()) {
            inputs.add(input.asString());
            tokens += io.aibatch.simulator.content.TokenCounter.count(input.asString());
        } else if (input != null && input.isArray() && !input.isEmpty()) {
            if (input.get(0).isNumber()) {
                inputs.add(ids(input));
                tokens += input.size();
            } else {
                for (JsonNode element : input) {
                    if (element.isString()) {
                        inputs.add(element.asString());
                        tokens += io.aibatch.simulator.content.TokenCounter.count(element.asString());
                    } else if (element.isArray()) {
                        inputs.add(ids(element));
                        tokens += element.size();
                    } else {
                        throw new ChatRequest.Invalid(
                                "input must be a string, an array of strings or of token ids", "input");
                    }
                }
            }
        } else {
            throw new ChatRequest.Invalid("input is required: a string, an array of strings or of token ids", "input");
        }
        JsonNode format = json.get("encoding_format");
        String encoding = format == null || format.isNull() ? "float" : format.asString("");
        if (!encoding.equals("float") && !encoding.equals("base64")) {
            throw new ChatRequest.Invalid("encoding_format must be float or base64", "encoding_format");
        }
        JsonNode dimensions = json.get("dimensions");
        Integer dims = null;
        if (dimensions != null && !dimensions.isNull()) {
            if (!dimensions.isInt() || dimensions.asInt() < 1) {
                throw new ChatRequest.Invalid("dimensions must be a positive integer", "dimensions");
            }
            dims = dimensions.asInt();
        }
        return new EmbeddingRequest(model.asString(), inputs, tokens, encoding.equals("base64"), dims);
    }

    private static String ids(JsonNode array) throws ChatRequest.Invalid {
        StringBuilder text = new StringBuilder();
        for (JsonNode id : array) {
            if (!id.isInt()) {
                throw new ChatRequest.Invalid("token ids must be integers", "input");
            }
            text.append(id.asInt()).append(' ');
        }
        return text.toString();
    }
}
