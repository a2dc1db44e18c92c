package io.aibatch.simulator;

import static io.aibatch.simulator.SpecSchemas.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.simulator.config.SimulatorConfig;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class VllmApiTest {

    private static Simulator sim;
    private static SimClient client;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimulatorConfig.defaults().withBackend(Backend.VLLM, b -> b.withServiceTime(5, 0.01)
                .withJitterSigma(0)
                .withContextLength(4096)));
        client = new SimClient(sim);
    }

    @AfterAll
    static void stop() throws Exception {
        sim.close();
    }

    private static Map<String, Object> chat(String model, Integer maxTokens, String... userMessages) {
        List<Map<String, Object>> messages = new java.util.ArrayList<>();
        messages.add(Map.of("role", "system", "content", "You are a careful assistant."));
        for (String m : userMessages) {
            messages.add(Map.of("role", "user", "content", m));
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("model", model);
        body.put("messages", messages);
        body.put("temperature", 0);
        if (maxTokens != null) {
            body.put("max_tokens", maxTokens);
        }
        return body;
    }

    /**
     * vLLM's POST /v1/embeddings: the request is KAITO's EmbeddingRequest (the spec gives the response no schema, so
     * its shape is checked here: OpenAI's embedding list, unit vectors, usage with prompt tokens only).
     */
    @Test
    void embeddingsAreUnitVectorsPerInputWithPromptTokenUsage() throws Exception {
        Map<String, Object> request =
                Map.of("model", "phi-4-mini-instruct", "input", List.of("The quarterly report", "Costs were flat."));
        assertValid(SpecSchemas.kaito("EmbeddingRequest"), SimClient.JSON.writeValueAsString(request));
        HttpResponse<String> r = client.postJson("/v1/embeddings", request);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = SimClient.json(r);
        assertThat(body.get("object").asString()).isEqualTo("list");
        assertThat(body.get("data")).hasSize(2);
        JsonNode first = body.get("data").get(0);
        assertThat(first.get("object").asString()).isEqualTo("embedding");
        assertThat(first.get("index").asInt()).isZero();
        assertThat(first.get("embedding")).hasSize(384);
        double norm = 0;
        for (JsonNode v : first.get("embedding")) {
            norm += v.asDouble() * v.asDouble();
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(body.at("/usage/prompt_tokens").asInt()).isPositive();
        assertThat(body.at("/usage/total_tokens").asInt())
                .isEqualTo(body.at("/usage/prompt_tokens").asInt());
        // the same text gets the same vector; dimensions and base64 are honoured
        HttpResponse<String> again = client.postJson(
                "/v1/embeddings",
                Map.of("model", "phi-4-mini-instruct", "input", "The quarterly report", "dimensions", 8));
        assertThat(SimClient.json(again).at("/data/0/embedding")).hasSize(8);
        HttpResponse<String> base64 = client.postJson(
                "/v1/embeddings",
                Map.of("model", "phi-4-mini-instruct", "input", "x", "encoding_format", "base64", "dimensions", 4));
        assertThat(java.util.Base64.getDecoder()
                        .decode(SimClient.json(base64).at("/data/0/embedding").asString()))
                .hasSize(16);
        assertThat(client.postJson("/v1/embeddings", Map.of("model", "phi-4-mini-instruct"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(client.postJson("/v1/embeddings", Map.of("model", "other", "input", "x"))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void healthAndModels() throws Exception {
        assertThat(client.get("/health").statusCode()).isEqualTo(200);
        HttpResponse<String> models = client.get("/v1/models");
        assertThat(models.statusCode()).isEqualTo(200);
        JsonNode data = SimClient.json(models).get("data");
        assertThat(data).hasSize(1);
        assertThat(data.get(0).get("id").asString()).isEqualTo("phi-4-mini-instruct");
        assertThat(data.get(0).get("max_model_len").asInt()).isEqualTo(4096);
    }

    @Test
    void chatCompletionIsSchemaValidWithConsistentUsage() throws Exception {
        Map<String, Object> request = chat(
                "phi-4-mini-instruct",
                200,
                "Summarize the following text.\n\nThe quarterly report shows revenue grew by 12 percent. Costs were flat. "
                        + "The board approved a dividend. Hiring will continue next year.");
        // our request must itself be what vLLM's API accepts
        assertValid(SpecSchemas.kaito("ChatCompletionRequest"), SimClient.JSON.writeValueAsString(request));
        HttpResponse<String> r = client.postJson("/v1/chat/completions", request);
        assertThat(r.statusCode()).isEqualTo(200);
        assertValid(SpecSchemas.openAi("CreateChatCompletionResponse"), r.body());
        JsonNode body = SimClient.json(r);
        assertThat(body.get("object").asString()).isEqualTo("chat.completion");
        assertThat(body.get("model").asString()).isEqualTo("phi-4-mini-instruct");
        JsonNode choice = body.get("choices").get(0);
        assertThat(choice.get("finish_reason").asString()).isEqualTo("stop");
        assertThat(choice.get("message").get("content").asString())
                .isEqualTo("The quarterly report shows revenue grew by 12 percent. Costs were flat.");
        JsonNode usage = body.get("usage");
        assertThat(usage.get("prompt_tokens").asInt()).isBetween(30, 80);
        assertThat(usage.get("total_tokens").asInt())
                .isEqualTo(usage.get("prompt_tokens").asInt()
                        + usage.get("completion_tokens").asInt());
        assertThat(sim.stats(Backend.VLLM).unitsProcessed())
                .isGreaterThanOrEqualTo(usage.get("total_tokens").asInt());
    }

    @Test
    void classificationPicksOneOfTheListedLabelsDeterministically() throws Exception {
        String prompt = "Classify the document into one of: invoice, contract, letter, report.\n\n"
                + "This contract is made between the parties. The contract term is two years.";
        String first = SimClient.json(client.postJson("/v1/chat/completions", chat("phi-4-mini-instruct", 20, prompt)))
                .get("choices")
                .get(0)
                .get("message")
                .get("content")
                .asString();
        String second = SimClient.json(client.postJson("/v1/chat/completions", chat("phi-4-mini-instruct", 20, prompt)))
                .get("choices")
                .get(0)
                .get("message")
                .get("content")
                .asString();
        assertThat(first).isEqualTo("contract").isEqualTo(second);

        String bullets =
                "Assign a category to the text. Categories:\n- Finance\n- Legal\n- Sports\n\nThe match ended two to one.";
        String label = SimClient.json(client.postJson("/v1/chat/completions", chat("phi-4-mini-instruct", 20, bullets)))
                .get("choices")
                .get(0)
                .get("message")
                .get("content")
                .asString();
        assertThat(label).isIn("Finance", "Legal", "Sports");
    }

    @Test
    void maxTokensCutsTheAnswerWithFinishReasonLength() throws Exception {
        HttpResponse<String> r = client.postJson(
                "/v1/chat/completions",
                chat(
                        "phi-4-mini-instruct",
                        3,
                        "Tell me about this. The quick brown fox jumps over the lazy dog many times a day."));
        assertValid(SpecSchemas.openAi("CreateChatCompletionResponse"), r.body());
        JsonNode body = SimClient.json(r);
        assertThat(body.get("choices").get(0).get("finish_reason").asString()).isEqualTo("length");
        assertThat(body.get("usage").get("completion_tokens").asInt()).isLessThanOrEqualTo(3);
    }

    @Test
    void contextOverflowIs400InVllmErrorShape() throws Exception {
        String longText = "word ".repeat(4000);
        HttpResponse<String> r = client.postJson("/v1/chat/completions", chat("phi-4-mini-instruct", 500, longText));
        assertThat(r.statusCode()).isEqualTo(400);
        assertValid(SpecSchemas.vllmError(), r.body());
        JsonNode err = SimClient.json(r).get("error");
        assertThat(err.get("type").asString()).isEqualTo("BadRequestError");
        assertThat(err.get("code").asInt()).isEqualTo(400);
        assertThat(err.get("message").asString()).contains("maximum context length is 4096 tokens");
    }

    @Test
    void unknownModelIs404AndBadBodyIs400() throws Exception {
        HttpResponse<String> r = client.postJson("/v1/chat/completions", chat("gpt-17", 10, "hi"));
        assertThat(r.statusCode()).isEqualTo(404);
        assertValid(SpecSchemas.vllmError(), r.body());
        assertThat(SimClient.json(r).get("error").get("param").asString()).isEqualTo("model");

        HttpResponse<String> bad = client.postJson("/v1/chat/completions", "{not json");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertValid(SpecSchemas.vllmError(), bad.body());

        HttpResponse<String> noMessages =
                client.postJson("/v1/chat/completions", Map.of("model", "phi-4-mini-instruct"));
        assertThat(noMessages.statusCode()).isEqualTo(400);
        assertValid(SpecSchemas.vllmError(), noMessages.body());

        assertThat(client.get("/v1/nothing-here").statusCode()).isEqualTo(404);
    }
}
