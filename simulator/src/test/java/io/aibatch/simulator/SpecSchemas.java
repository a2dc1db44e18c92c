package io.aibatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialects;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Schemas from the copied spec documents (src/test/resources/specs), referenced by JSON pointer into the whole
 * document so every internal $ref resolves as in the spec. Swagger 2.0 definitions are JSON Schema draft 4;
 * the Azure OpenAI spec is OpenAPI 3.0 (nullable); OpenAI's and KAITO's are OpenAPI 3.1.
 */
public final class SpecSchemas {

    private static final SchemaRegistry DRAFT4 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    private static final SchemaRegistry OAS30 = SchemaRegistry.withDialect(Dialects.getOpenApi30());
    private static final SchemaRegistry OAS31 = SchemaRegistry.withDialect(Dialects.getOpenApi31());
    private static final SchemaRegistry DRAFT2020 =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private SpecSchemas() {}

    public static Schema read(String definition) {
        return get(DRAFT4, "classpath:specs/azure-cv-read-v3.2/Ocr.json#/definitions/" + definition);
    }

    public static Schema docIntel(String definition) {
        return get(
                DRAFT4,
                "classpath:specs/azure-docintel-2023-07-31/FormRecognizer-2023-07-31-analyze-subset.json#/definitions/"
                        + definition);
    }

    public static Schema azureOpenAi(String schema) {
        return get(
                OAS30,
                "classpath:specs/azure-openai-2024-10-21/inference-2024-10-21-subset.yaml#/components/schemas/"
                        + schema);
    }

    public static Schema openAi(String schema) {
        return get(OAS31, "classpath:specs/openai/openai-subset.json#/components/schemas/" + schema);
    }

    public static Schema kaito(String schema) {
        return get(OAS31, "classpath:specs/kaito/api_spec.json#/components/schemas/" + schema);
    }

    /**
     * A definition of the Azure OpenAI authoring spec subset (Files and Batches, api-version 2024-10-21 or
     * 2025-04-01-preview), with the spec's known quirks patched as behaviour.md §9 of the shared specs says a client must
     * read them: every non-required property may be null (the service sends nulls the spec does not declare),
     * {@code errors.data} is an array of BatchErrorData (the spec declares one object), {@code BatchErrorData.line} is an
     * integer or a string, and ErrorCode/InnerErrorCode are open enums ({@code x-ms-enum modelAsString}: the gateway's
     * "404"/"401" and the batch code token_limit_exceeded are not listed). Status, purpose and object enums stay strict.
     */
    public static Schema azureBatch(String apiVersion, String definition) {
        String file = apiVersion.equals("2024-10-21")
                ? "authoring-2024-10-21-batch-subset.json"
                : "authoring-2025-04-01-preview-batch-subset.json";
        patchedBatchSpec(file);
        return get(DRAFT4, "classpath:patched-specs/" + file + "#/definitions/" + definition);
    }

    /** A line of a batch input, output or error file: batch-jsonl.schema.json's $defs inputLine/outputLine/errorLine. */
    public static Schema batchLine(String def) {
        return get(DRAFT2020, "classpath:specs/azure-openai-batch/batch-jsonl.schema.json#/$defs/" + def);
    }

    /** Writes the patched copy beside the test classes (so the registry loads it from the class path) once. */
    private static synchronized void patchedBatchSpec(String file) {
        try {
            java.nio.file.Path classes = java.nio.file.Path.of(SpecSchemas.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            java.nio.file.Path out = classes.resolve("patched-specs").resolve(file);
            if (java.nio.file.Files.exists(out)) {
                return;
            }
            tools.jackson.databind.json.JsonMapper mapper =
                    tools.jackson.databind.json.JsonMapper.builder().build();
            tools.jackson.databind.node.ObjectNode spec;
            try (var in = SpecSchemas.class.getResourceAsStream("/specs/azure-openai-batch/" + file)) {
                spec = (tools.jackson.databind.node.ObjectNode) mapper.readTree(in);
            }
            var defs = (tools.jackson.databind.node.ObjectNode) spec.get("definitions");
            ((tools.jackson.databind.node.ObjectNode) defs.get("BatchErrors").get("properties"))
                    .set(
                            "data",
                            mapper.readTree(
                                    "{\"type\":\"array\",\"items\":{\"$ref\":\"#/definitions/BatchErrorData\"}}"));
            ((tools.jackson.databind.node.ObjectNode) defs.get("BatchErrorData").get("properties"))
                    .set("line", mapper.readTree("{\"type\":[\"integer\",\"string\"]}"));
            for (String open : List.of("ErrorCode", "InnerErrorCode")) {
                ((tools.jackson.databind.node.ObjectNode) defs.get(open)).remove("enum");
            }
            for (String name : defs.propertyNames()) {
                tools.jackson.databind.JsonNode def = defs.get(name);
                if (!def.has("properties")) {
                    continue;
                }
                java.util.Set<String> required = new java.util.HashSet<>();
                def.path("required").forEach(r -> required.add(r.asString()));
                var props = (tools.jackson.databind.node.ObjectNode) def.get("properties");
                for (String prop : List.copyOf(props.propertyNames())) {
                    if (!required.contains(prop)) {
                        var nullable = mapper.createObjectNode();
                        nullable.putArray("anyOf").add(props.get(prop)).add(mapper.readTree("{\"type\":\"null\"}"));
                        props.set(prop, nullable);
                    }
                }
            }
            java.nio.file.Files.createDirectories(out.getParent());
            java.nio.file.Files.write(out, mapper.writeValueAsBytes(spec));
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Schema vllmError() {
        return get(DRAFT2020, "classpath:specs/vllm/error-response.schema.json");
    }

    private static Schema get(SchemaRegistry registry, String location) {
        return CACHE.computeIfAbsent(location, l -> {
            Schema s = registry.getSchema(SchemaLocation.of(l));
            s.initializeValidators(); // resolve every $ref now: a broken pointer must fail here, not pass silently
            return s;
        });
    }

    public static List<Error> errors(Schema schema, String json) {
        return schema.validate(json, InputFormat.JSON);
    }

    /** True when the text parses as JSON and conforms; a parse failure is simply "does not conform". */
    public static boolean conforms(Schema schema, String json) {
        try {
            return errors(schema, json).isEmpty();
        } catch (RuntimeException parseFailure) {
            return false;
        }
    }

    public static void assertValid(Schema schema, String json) {
        List<Error> errors = errors(schema, json);
        assertThat(errors)
                .as("schema %s errors for %s", schema.getSchemaLocation(), abbreviate(json))
                .isEmpty();
    }

    public static void assertInvalid(Schema schema, String json) {
        assertThat(errors(schema, json))
                .as("expected %s to reject %s", schema.getSchemaLocation(), abbreviate(json))
                .isNotEmpty();
    }

    private static String abbreviate(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }
}
