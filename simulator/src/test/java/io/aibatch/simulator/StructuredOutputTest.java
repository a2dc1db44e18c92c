package io.aibatch.simulator;

import static io.aibatch.simulator.SpecSchemas.assertValid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.aibatch.simulator.config.SimulatorConfig;
import io.aibatch.simulator.config.SimulatorConfigLoader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** response_format json_schema on both LLM backends: schema-valid answers from the prompt, and a share of invalid ones. */
class StructuredOutputTest {

    static final String SCHEMA =
            """
            {"type": "object", "additionalProperties": false,
             "required": ["invoiceNumber", "invoiceDate", "vendor", "total", "lines", "paid", "currency"],
             "properties": {
               "invoiceNumber": {"type": ["string", "null"]},
               "invoiceDate": {"type": ["string", "null"], "format": "date"},
               "vendor": {"anyOf": [{"$ref": "#/$defs/name"}, {"type": "null"}]},
               "total": {"type": ["number", "null"], "minimum": 0},
               "lines": {"type": "array", "items": {"type": "string"}},
               "paid": {"type": "boolean"},
               "currency": {"type": "string", "enum": ["AUD", "USD", "EUR"]}
             },
             "$defs": {"name": {"type": "string", "minLength": 1}}}""";

    static final String INVOICE =
            """
            TAX INVOICE

            Harbour Supplies Pty Ltd
            Vendor: Harbour Supplies Pty Ltd
            Invoice number: INV-40213
            Invoice date: 3 March 2025
            Due date: 17 March 2025

            2 x Toner cartridge at $120.00 each: $240.00
            Total amount due: $1,264.50
            Please quote the invoice number with your payment.""";

    private static final Schema INVOICE_SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SCHEMA, InputFormat.JSON);

    private static Map<String, Object> request(String model, String text) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        if (model != null) {
            body.put("model", model);
        }
        body.put(
                "messages",
                List.of(
                        Map.of("role", "system", "content", "Extract the invoice's fields as JSON."),
                        Map.of("role", "user", "content", text)));
        body.put("max_tokens", 400);
        body.put("temperature", 0);
        body.put(
                "response_format",
                Map.of(
                        "type",
                        "json_schema",
                        "json_schema",
                        Map.of(
                                "name",
                                "invoice",
                                "strict",
                                true,
                                "schema",
                                SimClient.JSON.readValue(SCHEMA, Map.class))));
        return body;
    }

    private static String content(HttpResponse<String> r) {
        return SimClient.json(r)
                .get("choices")
                .get(0)
                .get("message")
                .get("content")
                .asString();
    }

    @Test
    void vllmAnswersWithSchemaValidJsonFilledFromTheLabelledValuesInThePrompt() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults()
                .withBackend(Backend.VLLM, b -> b.withServiceTime(1, 0).withJitterSigma(0)))) {
            SimClient client = new SimClient(sim);
            Map<String, Object> request = request("phi-4-mini-instruct", INVOICE);
            assertValid(SpecSchemas.kaito("ChatCompletionRequest"), SimClient.JSON.writeValueAsString(request));
            HttpResponse<String> r = client.postJson("/v1/chat/completions", request);
            assertThat(r.statusCode()).isEqualTo(200);
            assertValid(SpecSchemas.openAi("CreateChatCompletionResponse"), r.body());
            String json = content(r);
            assertThat(INVOICE_SCHEMA.validate(json, InputFormat.JSON)).isEmpty();
            JsonNode fields = SimClient.JSON.readTree(json);
            assertThat(fields.get("invoiceNumber").asString()).isEqualTo("INV-40213");
            assertThat(fields.get("invoiceDate").asString()).isEqualTo("2025-03-03");
            assertThat(fields.get("vendor").asString()).isEqualTo("Harbour Supplies Pty Ltd");
            assertThat(fields.get("total").decimalValue()).isEqualByComparingTo("1264.50");
            assertThat(fields.get("currency").asString()).isEqualTo("AUD"); // not in the text: the first allowed value
            assertThat(fields.get("paid").asBoolean()).isFalse();
        }
    }

    @Test
    void whatThePromptLacksIsNullWhereAllowedAndStillValid() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults()
                .withBackend(Backend.VLLM, b -> b.withServiceTime(1, 0).withJitterSigma(0)))) {
            String json = content(new SimClient(sim)
                    .postJson("/v1/chat/completions", request(null, "A letter about nothing in particular.")));
            assertThat(INVOICE_SCHEMA.validate(json, InputFormat.JSON)).isEmpty();
            JsonNode fields = SimClient.JSON.readTree(json);
            assertThat(fields.get("invoiceNumber").isNull()).isTrue();
            assertThat(fields.get("total").isNull()).isTrue();
        }
    }

    @Test
    void azureOpenAiAnswersStructuredOutputToo() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults()
                .withBackend(Backend.AZURE_OPENAI, b -> b.withServiceTime(1, 0).withJitterSigma(0)))) {
            SimClient client = new SimClient(sim);
            HttpResponse<String> r = client.send(client.postJsonRequest(
                            "/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21",
                            request(null, INVOICE))
                    .header("api-key", "k")
                    .build());
            assertThat(r.statusCode()).isEqualTo(200);
            assertValid(SpecSchemas.azureOpenAi("createChatCompletionResponse"), r.body());
            assertThat(INVOICE_SCHEMA.validate(content(r), InputFormat.JSON)).isEmpty();
        }
    }

    @Test
    void aConfiguredShareOfRepliesIsMalformedOrViolatesTheSchema() throws Exception {
        int total = 200;
        try (Simulator sim =
                Simulator.start(SimulatorConfig.defaults().withBackend(Backend.VLLM, b -> b.withServiceTime(0, 0)
                        .withJitterSigma(0)
                        .withInvalidStructuredOutputRatio(0.3)))) {
            SimClient client = new SimClient(sim);
            int valid = 0;
            int malformed = 0;
            int violating = 0;
            for (int i = 0; i < total; i++) {
                HttpResponse<String> r = client.postJson("/v1/chat/completions", request(null, INVOICE));
                assertThat(r.statusCode()).isEqualTo(200);
                assertValid(
                        SpecSchemas.openAi("CreateChatCompletionResponse"), r.body()); // the envelope always conforms
                String json = content(r);
                List<Error> errors;
                try {
                    errors = INVOICE_SCHEMA.validate(json, InputFormat.JSON);
                } catch (RuntimeException parseFailure) {
                    malformed++;
                    continue;
                }
                if (errors.isEmpty()) {
                    valid++;
                } else {
                    violating++;
                }
            }
            assertThat(malformed + violating).isBetween(40, 80); // 30% of 200, seeded: same counts every run
            assertThat(malformed).isPositive();
            assertThat(violating).isPositive();
            assertThat(valid).isEqualTo(total - malformed - violating);
        }
    }

    @Test
    void plainRequestsAreNeverMadeInvalid() throws Exception {
        try (Simulator sim =
                Simulator.start(SimulatorConfig.defaults().withBackend(Backend.VLLM, b -> b.withServiceTime(0, 0)
                        .withJitterSigma(0)
                        .withInvalidStructuredOutputRatio(1.0)))) {
            Map<String, Object> request = request(null, INVOICE);
            request.put("response_format", Map.of("type", "json_object"));
            String json = content(new SimClient(sim).postJson("/v1/chat/completions", request));
            assertThat(SimClient.JSON.readTree(json).isObject()).isTrue();
        }
    }

    @Test
    void aJsonSchemaFormatWithoutNameOrWithAnUnknownTypeIs400() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults())) {
            SimClient client = new SimClient(sim);
            Map<String, Object> request = request(null, INVOICE);
            request.put(
                    "response_format",
                    Map.of("type", "json_schema", "json_schema", Map.of("schema", Map.of("type", "object"))));
            HttpResponse<String> r = client.postJson("/v1/chat/completions", request);
            assertThat(r.statusCode()).isEqualTo(400);
            assertValid(SpecSchemas.vllmError(), r.body());
            assertThat(SimClient.json(r).get("error").get("param").asString())
                    .isEqualTo("response_format.json_schema.name");

            request.put("response_format", Map.of("type", "xml"));
            HttpResponse<String> unknown = client.postJson("/v1/chat/completions", request);
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(SimClient.json(unknown).get("error").get("param").asString())
                    .isEqualTo("response_format.type");
        }
    }

    @Test
    void theRatioIsReadFromTheConfigFileAndChecked() {
        JsonNode ok = SimClient.JSON.readTree("{\"backends\": {\"vllm\": {\"invalidStructuredOutputRatio\": 0.25}}}");
        assertThat(SimulatorConfigLoader.fromTree(ok, Path.of("."))
                        .backend(Backend.VLLM)
                        .invalidStructuredOutputRatio())
                .isEqualTo(0.25);
        JsonNode bad = SimClient.JSON.readTree("{\"backends\": {\"vllm\": {\"invalidStructuredOutputRatio\": 1.5}}}");
        assertThatThrownBy(() -> SimulatorConfigLoader.fromTree(bad, Path.of(".")))
                .hasMessageContaining("invalidStructuredOutputRatio must be within [0, 1]");
    }
}
