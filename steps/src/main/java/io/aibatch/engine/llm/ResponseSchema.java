package io.aibatch.engine.llm;

import java.util.Map;

/**
 * Structured output: the reply must be JSON valid against {@code schema} (OpenAI's
 * {@code response_format: {type: json_schema, json_schema: {name, schema, strict: true}}}, which vLLM serves with guided
 * decoding and Azure OpenAI with structured outputs). The backend's promise is not a guarantee: whoever asks still
 * validates the reply.
 *
 * @param name   a-z, A-Z, 0-9, '_' or '-', at most 64 characters
 * @param schema the JSON Schema as plain maps, lists, strings, numbers and booleans
 */
public record ResponseSchema(String name, Map<String, Object> schema) {

    public ResponseSchema {
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException(
                    "a response schema name is 1-64 of a-z, A-Z, 0-9, '_' or '-', not '" + name + "'");
        }
        schema = Map.copyOf(schema);
    }
}
