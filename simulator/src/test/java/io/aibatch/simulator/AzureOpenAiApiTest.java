package io.aibatch.simulator;

import static io.aibatch.simulator.SpecSchemas.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.simulator.config.SimulatorConfig;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AzureOpenAiApiTest {

    private static final String CHAT = "/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21";
    private Simulator sim;

    @AfterEach
    void stop() throws Exception {
        sim.close();
    }

    private SimClient start(long tokensPerMinute) throws Exception {
        sim = Simulator.start(
                SimulatorConfig.defaults().withBackend(Backend.AZURE_OPENAI, b -> b.withServiceTime(5, 0.01)
                        .withJitterSigma(0)
                        .withTokensPerMinute(tokensPerMinute)));
        return new SimClient(sim);
    }

    private static Map<String, Object> request(int maxTokens, String text) {
        return Map.of("messages", List.of(Map.of("role", "user", "content", text)), "max_tokens", maxTokens);
    }

    @Test
    void chatCompletionCarriesContentFilterResultsAndIsSchemaValid() throws Exception {
        SimClient client = start(0);
        Map<String, Object> req =
                request(100, "Summarize: The invoice is due in May. It covers two services. Pay by transfer.");
        assertValid(SpecSchemas.azureOpenAi("createChatCompletionRequest"), SimClient.JSON.writeValueAsString(req));
        HttpResponse<String> r = client.send(
                client.postJsonRequest(CHAT, req).header("api-key", "k").build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertValid(SpecSchemas.azureOpenAi("createChatCompletionResponse"), r.body());
        JsonNode body = SimClient.json(r);
        assertThat(body.get("prompt_filter_results")
                        .get(0)
                        .get("content_filter_results")
                        .get("hate")
                        .get("severity")
                        .asString())
                .isEqualTo("safe");
        assertThat(body.get("choices")
                        .get(0)
                        .get("content_filter_results")
                        .get("violence")
                        .get("filtered")
                        .asBoolean())
                .isFalse();
        assertThat(body.get("choices").get(0).get("message").get("content").asString())
                .isEqualTo("The invoice is due in May. It covers two services.");

        HttpResponse<String> bearer = client.send(client.postJsonRequest(CHAT, req)
                .header("Authorization", "Bearer token")
                .build());
        assertThat(bearer.statusCode()).isEqualTo(200);
    }

    @Test
    void missingCredentialsAre401AndWrongVersionIs404() throws Exception {
        SimClient client = start(0);
        HttpResponse<String> r = client.postJson(CHAT, request(10, "hi"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertValid(SpecSchemas.azureOpenAi("errorResponse"), r.body());
        assertThat(SimClient.json(r).get("error").get("code").asString()).isEqualTo("401");

        HttpResponse<String> version = client.send(client.postJsonRequest(
                        "/openai/deployments/gpt-4o-mini/chat/completions?api-version=2023-01-01", request(10, "hi"))
                .header("api-key", "k")
                .build());
        assertThat(version.statusCode()).isEqualTo(404);
        assertValid(SpecSchemas.azureOpenAi("errorResponse"), version.body());

        HttpResponse<String> bad = client.send(client.postJsonRequest(CHAT, Map.of("max_tokens", 3))
                .header("api-key", "k")
                .build());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertValid(SpecSchemas.azureOpenAi("errorResponse"), bad.body());
    }

    @Test
    void tokensPerMinuteQuotaAnswers429WithRetryAfter() throws Exception {
        SimClient client = start(1000);
        int ok = 0;
        HttpResponse<String> throttled = null;
        for (int i = 0; i < 10 && throttled == null; i++) {
            HttpResponse<String> r =
                    client.send(client.postJsonRequest(CHAT, request(300, "Short question number " + i + "."))
                            .header("api-key", "k")
                            .build());
            if (r.statusCode() == 200) {
                ok++;
                assertThat(r.headers().firstValue("x-ratelimit-remaining-tokens"))
                        .isPresent();
            } else {
                throttled = r;
            }
        }
        assertThat(ok).isEqualTo(3); // each request is charged ~10 prompt tokens + 300 max_tokens
        assertThat(throttled).isNotNull();
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertValid(SpecSchemas.azureOpenAi("errorResponse"), throttled.body());
        long retryAfter =
                Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
        long retryAfterMs =
                Long.parseLong(throttled.headers().firstValue("retry-after-ms").orElseThrow());
        assertThat(retryAfter).isBetween(55L, 60L);
        assertThat(retryAfterMs).isBetween(54_000L, 60_000L);
        assertThat(sim.stats(Backend.AZURE_OPENAI).throttled()).isEqualTo(1);
    }
}
