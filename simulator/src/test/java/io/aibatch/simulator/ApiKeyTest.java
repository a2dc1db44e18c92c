package io.aibatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.simulator.config.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code simulate --api-key K}: each service's own header and 401 shape; /health stays open. */
class ApiKeyTest {

    private static final String KEY = "k-123";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Simulator sim;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimulatorConfig.defaults(), KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        sim.close();
    }

    private static HttpResponse<String> get(String path, String header, String value) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).GET();
        if (header != null) {
            request.header(header, value);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void azureServicesWantTheirSubscriptionKeyHeader() throws Exception {
        HttpResponse<String> refused =
                get("/vision/v3.2/read/analyzeResults/x", "Ocp-Apim-Subscription-Key", "not-the-key-7");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body())
                .contains("\"code\":\"401\"")
                .contains("Access denied due to invalid subscription key")
                .doesNotContain("not-the-key-7");
        assertThat(get("/vision/v3.2/read/analyzeResults/x", "Ocp-Apim-Subscription-Key", KEY)
                        .statusCode())
                .isNotEqualTo(401);
        assertThat(get(
                                "/formrecognizer/documentModels/prebuilt-read/analyzeResults/x?api-version=2023-07-31",
                                null,
                                null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(get("/openai/deployments/d/chat/completions?api-version=2024-10-21", "api-key", "not-the-key-7")
                        .statusCode())
                .isEqualTo(401);
        assertThat(get("/openai/deployments/d/chat/completions?api-version=2024-10-21", "api-key", KEY)
                        .statusCode())
                .isNotEqualTo(401);
    }

    @Test
    void openAiCompatibleServersWantABearerToken() throws Exception {
        HttpResponse<String> refused = get("/v1/models", "Authorization", "Bearer not-the-key-7");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body())
                .contains("\"code\":\"invalid_api_key\"")
                .contains("invalid_request_error")
                .doesNotContain("not-the-key-7");
        assertThat(get("/v1/models", "Authorization", "Bearer " + KEY).statusCode())
                .isEqualTo(200);
        assertThat(get("/health", null, null).statusCode())
                .as("a readiness probe sends no key")
                .isEqualTo(200);
    }
}
