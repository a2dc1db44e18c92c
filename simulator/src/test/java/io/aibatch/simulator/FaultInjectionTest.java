package io.aibatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aibatch.simulator.config.BackendConfig;
import io.aibatch.simulator.config.FaultRates;
import io.aibatch.simulator.config.SimulatorConfig;
import io.aibatch.simulator.engine.BackendRuntime;
import io.aibatch.simulator.engine.Fault;
import io.aibatch.simulator.engine.RequestPlan;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

class FaultInjectionTest {

    private static final FaultRates MIX = new FaultRates(0.1, 0.1, 0, 0.1, 0.1);

    private static SimulatorConfig readWith(FaultRates faults, long seed) {
        return SimulatorConfig.defaults().withSeed(seed).withBackend(Backend.READ, b -> b.withServiceTime(1, 0)
                .withJitterSigma(0)
                .withFaults(faults));
    }

    /** What a plain java.net.http client observes for one syncAnalyze call. */
    private static String outcome(SimClient client, byte[] png) throws InterruptedException {
        try {
            HttpResponse<String> r = client.postBytes("/vision/v3.2/read/syncAnalyze", "application/octet-stream", png);
            if (r.statusCode() != 200) {
                return "http" + r.statusCode();
            }
            try {
                SimClient.json(r);
            } catch (JacksonException e) {
                return "brokenJson";
            }
            return SpecSchemas.errors(SpecSchemas.read("ReadOperationResult"), r.body())
                            .isEmpty()
                    ? "ok"
                    : "schemaViolation";
        } catch (IOException e) {
            return "io:" + e.getClass().getSimpleName();
        }
    }

    private static List<String> run(long seed, int n) throws Exception {
        try (Simulator sim = Simulator.start(readWith(MIX, seed))) {
            return outcomes(sim, n);
        }
    }

    private static List<String> outcomes(Simulator sim, int n) throws Exception {
        SimClient client = new SimClient(sim);
        byte[] png = TestDocuments.png(100, 100, 4);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(outcome(client, png));
        }
        return out;
    }

    @Test
    void sameSeedGivesTheSameFaultSequence() throws Exception {
        List<String> first = run(7, 40);
        List<String> second = run(7, 40);
        List<String> otherSeed = run(8, 40);
        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(first).contains("ok", "http500", "http429", "brokenJson", "schemaViolation");
        assertThat(first).anyMatch(o -> o.startsWith("io:"));
    }

    @Test
    void resetRestartsTheSequence() throws Exception {
        try (Simulator sim = Simulator.start(readWith(MIX, 11))) {
            List<String> first = outcomes(sim, 20);
            new SimClient(sim)
                    .send(new SimClient(sim)
                            .request("/_sim/reset")
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build());
            assertThat(outcomes(sim, 20)).isEqualTo(first);
        }
    }

    @Test
    void delaysAndFaultsAreAFunctionOfSeedAndSequence() {
        BackendConfig config =
                SimulatorConfig.defaultFor(Backend.READ).withJitterSigma(0.5).withFaults(MIX);
        BackendRuntime a = new BackendRuntime(Backend.READ, config, 99, null);
        BackendRuntime b = new BackendRuntime(Backend.READ, config, 99, null);
        BackendRuntime c = new BackendRuntime(Backend.READ, config, 100, null);
        List<RequestPlan> pa = new ArrayList<>(), pb = new ArrayList<>(), pc = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            pa.add(a.plan(i % 5 + 1));
            pb.add(b.plan(i % 5 + 1));
            pc.add(c.plan(i % 5 + 1));
        }
        assertThat(pb).isEqualTo(pa);
        assertThat(pc).isNotEqualTo(pa);
        // jitter spreads service times around the mean (150 + 600 × units) ms
        double meanRatio = pa.stream()
                .mapToDouble(p -> p.serviceMillis() / (150 + 600 * p.units()))
                .average()
                .orElseThrow();
        assertThat(meanRatio).isBetween(0.85, 1.15);
        assertThat(pa.stream().map(RequestPlan::serviceMillis).distinct().count())
                .isGreaterThan(150);
        long faults = pa.stream().filter(p -> p.fault() != Fault.NONE).count();
        assertThat(faults).isBetween(60L, 100L); // 40 % of 200
    }

    private static Map<String, Object> chat() {
        return Map.of(
                "model",
                "phi-4-mini-instruct",
                "max_tokens",
                5,
                "messages",
                List.of(Map.of("role", "user", "content", "Hello there. How are you?")));
    }

    private static Simulator vllmWith(FaultRates faults) throws Exception {
        return Simulator.start(SimulatorConfig.defaults().withBackend(Backend.VLLM, b -> b.withServiceTime(1, 0)
                .withJitterSigma(0)
                .withFaults(faults)));
    }

    @Test
    void hangIsAClientTimeout() throws Exception {
        try (Simulator sim = vllmWith(FaultRates.NONE.withHang(1))) {
            SimClient client = new SimClient(sim);
            HttpRequest r = client.postJsonRequest("/v1/chat/completions", chat())
                    .timeout(Duration.ofMillis(300))
                    .build();
            assertThatThrownBy(() -> client.send(r)).isInstanceOf(HttpTimeoutException.class);
            assertThat(sim.stats(Backend.VLLM).errors("hang")).isEqualTo(1);
        }
    }

    @Test
    void dropIsAnIoException() throws Exception {
        try (Simulator sim = vllmWith(FaultRates.NONE.withDrop(1))) {
            SimClient client = new SimClient(sim);
            assertThatThrownBy(() -> client.postJson("/v1/chat/completions", chat()))
                    .isInstanceOf(IOException.class)
                    .isNotInstanceOf(HttpTimeoutException.class);
            assertThat(sim.stats(Backend.VLLM).errors("drop")).isEqualTo(1);
        }
    }

    @Test
    void malformedBodiesFailJsonParsingOrTheSchema() throws Exception {
        try (Simulator sim = vllmWith(FaultRates.NONE.withMalformed(1))) {
            SimClient client = new SimClient(sim);
            HttpResponse<String> truncated = client.postJson("/v1/chat/completions", chat());
            assertThat(truncated.statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> SimClient.json(truncated)).isInstanceOf(JacksonException.class);
            HttpResponse<String> violating = client.postJson("/v1/chat/completions", chat());
            JsonNode parsed = SimClient.json(violating);
            assertThat(parsed.isObject()).isTrue();
            SpecSchemas.assertInvalid(SpecSchemas.openAi("CreateChatCompletionResponse"), violating.body());
        }
    }

    @Test
    void http5xxUsesTheBackendErrorShape() throws Exception {
        try (Simulator sim = vllmWith(FaultRates.NONE.withHttp5xx(1))) {
            HttpResponse<String> r = new SimClient(sim).postJson("/v1/chat/completions", chat());
            assertThat(r.statusCode()).isEqualTo(500);
            SpecSchemas.assertValid(SpecSchemas.vllmError(), r.body());
        }
    }

    @Test
    void asyncOperationsFailOrReturnBrokenResults() throws Exception {
        try (Simulator sim =
                Simulator.start(SimulatorConfig.defaults().withBackend(Backend.DOC_INTEL, b -> b.withServiceTime(1, 0)
                        .withJitterSigma(0)
                        .withFaults(FaultRates.NONE.withHttp5xx(0.5).withMalformed(0.5))))) {
            SimClient client = new SimClient(sim);
            int failed = 0, broken = 0;
            for (int i = 0; i < 8; i++) {
                HttpResponse<String> post = client.postBytes(
                        "/formrecognizer/documentModels/prebuilt-read:analyze?api-version=2023-07-31",
                        "application/pdf",
                        TestDocuments.pdf(1, "f" + i));
                assertThat(post.statusCode()).isEqualTo(202);
                String location =
                        post.headers().firstValue("Operation-Location").orElseThrow();
                for (int poll = 0; poll < 200; poll++) {
                    HttpResponse<String> r = client.get(location);
                    if (!SpecSchemas.conforms(SpecSchemas.docIntel("AnalyzeResultOperation"), r.body())) {
                        broken++;
                        break;
                    }
                    String status = SimClient.json(r).get("status").asString();
                    assertThat(status).isNotEqualTo("succeeded"); // every operation drew a fault
                    if (status.equals("failed")) {
                        failed++;
                        break;
                    }
                    Thread.sleep(10);
                }
            }
            assertThat(failed).isPositive();
            assertThat(broken).isPositive();
            assertThat(failed + broken).isEqualTo(8);
        }
    }
}
