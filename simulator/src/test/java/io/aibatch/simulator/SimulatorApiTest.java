package io.aibatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.simulator.config.SimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The surface the application uses: main, admin endpoints, stats and request observers. */
class SimulatorApiTest {

    @Test
    void mainPrintsTheReadyLineAndServes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Simulator sim = SimulatorMain.launch(
                new String[] {"--port", "0"}, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(out.toString(StandardCharsets.UTF_8).strip())
                    .isEqualTo("Simulator listening on http://127.0.0.1:" + sim.port());
            assertThat(sim.port()).isPositive();
            assertThat(new SimClient(sim).get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void adminStatsAndReset() throws Exception {
        try (Simulator sim =
                Simulator.start(SimulatorConfig.defaults().withBackend(Backend.VLLM, b -> b.withServiceTime(1, 0)))) {
            SimClient client = new SimClient(sim);
            client.postJson(
                    "/v1/chat/completions",
                    Map.of("messages", List.of(Map.of("role", "user", "content", "Hi there."))));
            JsonNode stats = SimClient.json(client.get("/_sim/stats")).get("backends");
            assertThat(stats.get("vllm").get("requests").asLong()).isEqualTo(1);
            assertThat(stats.get("vllm").get("unitsProcessed").asDouble()).isPositive();
            assertThat(stats.get("vllm").get("unit").asString()).isEqualTo("token");
            assertThat(stats.get("read").get("requests").asLong()).isZero();
            assertThat(client.send(client.request("/_sim/reset")
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build())
                            .statusCode())
                    .isEqualTo(200);
            assertThat(sim.stats(Backend.VLLM).requests()).isZero();
        }
    }

    @Test
    void observersSeeEveryRequestBodyOfTheirBackendOnly() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults()
                .withBackend(Backend.AZURE_OPENAI, b -> b.withServiceTime(1, 0))
                .withBackend(Backend.VLLM, b -> b.withServiceTime(1, 0)))) {
            SimClient client = new SimClient(sim);
            List<ReceivedRequest> cloud = new CopyOnWriteArrayList<>();
            List<ReceivedRequest> local = new CopyOnWriteArrayList<>();
            AutoCloseable cloudHandle = sim.onRequest(Backend.AZURE_OPENAI, cloud::add);
            sim.onRequest(Backend.VLLM, local::add);
            Map<String, Object> restricted =
                    Map.of("messages", List.of(Map.of("role", "user", "content", "CANARY-7f3a restricted text")));
            client.postJson("/v1/chat/completions", restricted);
            assertThat(local).hasSize(1);
            assertThat(local.get(0).bodyAsString()).contains("CANARY-7f3a");
            assertThat(cloud).isEmpty();

            client.send(client.postJsonRequest(
                            "/openai/deployments/d/chat/completions?api-version=2024-10-21",
                            Map.of("messages", List.of(Map.of("role", "user", "content", "public text"))))
                    .header("api-key", "k")
                    .build());
            assertThat(cloud).hasSize(1);
            assertThat(cloud.get(0).header("api-key")).isEqualTo("k");
            assertThat(cloud.get(0).queryParam("api-version")).isEqualTo("2024-10-21");
            assertThat(cloud).noneMatch(r -> r.bodyAsString().contains("CANARY-7f3a"));

            cloudHandle.close();
            client.send(client.postJsonRequest(
                            "/openai/deployments/d/chat/completions?api-version=2024-10-21",
                            Map.of("messages", List.of(Map.of("role", "user", "content", "more"))))
                    .header("api-key", "k")
                    .build());
            assertThat(cloud).hasSize(1);
        }
    }
}
