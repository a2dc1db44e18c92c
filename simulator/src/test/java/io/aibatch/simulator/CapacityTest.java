package io.aibatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.simulator.config.SimulatorConfig;
import io.aibatch.simulator.engine.CapacityModel;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CapacityTest {

    @Test
    void capacityModelStartsQueuesAndRejects() {
        CapacityModel model = new CapacityModel(2, 1);
        AtomicInteger started = new AtomicInteger();
        assertThat(model.offer(started::incrementAndGet)).isEqualTo(CapacityModel.Admission.STARTED);
        assertThat(model.offer(started::incrementAndGet)).isEqualTo(CapacityModel.Admission.STARTED);
        assertThat(model.offer(started::incrementAndGet)).isEqualTo(CapacityModel.Admission.QUEUED);
        assertThat(model.offer(started::incrementAndGet)).isEqualTo(CapacityModel.Admission.REJECTED);
        assertThat(started).hasValue(2);
        model.release();
        assertThat(started).hasValue(3);
        assertThat(model.inService()).isEqualTo(2);
        model.release();
        model.release();
        assertThat(model.inService()).isZero();
        assertThat(model.maxInService()).isEqualTo(2);
    }

    private static Map<String, Object> chat(int i) {
        return Map.of(
                "model",
                "phi-4-mini-instruct",
                "max_tokens",
                5,
                "messages",
                List.of(Map.of("role", "user", "content", "Request " + i + ". Say something.")));
    }

    /** Fires n chat requests at once; returns the wall time in ms. */
    private static long burst(SimClient client, int n, List<HttpResponse<String>> responses) {
        long t0 = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpRequest r =
                    client.postJsonRequest("/v1/chat/completions", chat(i)).build();
            futures.add(client.http().sendAsync(r, HttpResponse.BodyHandlers.ofString()));
        }
        futures.forEach(f -> responses.add(f.join()));
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void nConcurrentRequestsTakeCeilNOverCServiceTimes() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBackend(Backend.VLLM, b -> b.withSlots(4)
                .withServiceTime(200, 0)
                .withJitterSigma(0)))) {
            SimClient client = new SimClient(sim);
            burst(client, 4, new ArrayList<>()); // open connections and warm up first
            sim.reset();
            List<HttpResponse<String>> responses = new ArrayList<>();
            long ms = burst(client, 16, responses);
            assertThat(responses).allMatch(r -> r.statusCode() == 200);
            assertThat(ms).isBetween(790L, 1400L); // ceil(16/4) × 200 ms
            BackendStats stats = sim.stats(Backend.VLLM);
            assertThat(stats.maxConcurrentInService()).isEqualTo(4);
            assertThat(stats.accepted()).isEqualTo(16);
        }
    }

    @Test
    void manyConcurrentRequestsHoldNoThreads() throws Exception {
        // 192 requests in service at once with a 64-thread server pool: only possible if nobody sleeps on a thread
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBackend(Backend.VLLM, b -> b.withSlots(192)
                .withServiceTime(1500, 0)
                .withJitterSigma(0)))) {
            SimClient client = new SimClient(sim);
            List<HttpResponse<String>> responses = new ArrayList<>();
            long ms = burst(client, 192, responses);
            assertThat(responses).allMatch(r -> r.statusCode() == 200);
            // all 192 in service at once although the server has only 64 threads: nothing sleeps on a thread
            assertThat(sim.stats(Backend.VLLM).maxConcurrentInService()).isEqualTo(192);
            assertThat(ms).isBetween(1500L, 2700L); // one service time plus connection set-up, not two
        }
    }

    @Test
    void queueOverflowOnAzureStyleBackendIs429WithRetryAfter() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBackend(Backend.READ, b -> b.withSlots(2)
                .withQueueLimit(2)
                .withServiceTime(600, 0)
                .withJitterSigma(0)))) {
            SimClient client = new SimClient(sim);
            byte[] png = TestDocuments.png(200, 200, 5);
            List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                futures.add(client.http()
                        .sendAsync(
                                client.request("/vision/v3.2/read/syncAnalyze")
                                        .header("Content-Type", "application/octet-stream")
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(png))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString()));
            }
            List<HttpResponse<String>> responses =
                    futures.stream().map(CompletableFuture::join).toList();
            assertThat(responses.stream().filter(r -> r.statusCode() == 200)).hasSize(4); // 2 slots + 2 queued
            List<HttpResponse<String>> throttled =
                    responses.stream().filter(r -> r.statusCode() == 429).toList();
            assertThat(throttled).hasSize(6);
            for (HttpResponse<String> r : throttled) {
                assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow()))
                        .isBetween(1L, 5L);
                SpecSchemas.assertValid(SpecSchemas.docIntel("ErrorResponse"), r.body()); // Azure's common error body
            }
            assertThat(sim.stats(Backend.READ).throttled()).isEqualTo(6);
            assertThat(sim.stats(Backend.READ).maxConcurrentInService()).isEqualTo(2);

            // asynchronous analyze: the POST itself is refused while slots and queue are full
            List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                posts.add(client.http()
                        .sendAsync(
                                client.request("/vision/v3.2/read/analyze")
                                        .header("Content-Type", "application/octet-stream")
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(png))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString()));
            }
            List<Integer> codes = posts.stream().map(f -> f.join().statusCode()).toList();
            assertThat(codes.stream().filter(c -> c == 202)).hasSize(4);
            assertThat(codes.stream().filter(c -> c == 429)).hasSize(2);
        }
    }

    @Test
    void vllmQueuesWithoutBoundAndNever429s() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBackend(Backend.VLLM, b -> b.withSlots(1)
                .withQueueLimit(0)
                .withServiceTime(20, 0)
                .withJitterSigma(0)))) {
            SimClient client = new SimClient(sim);
            List<HttpResponse<String>> responses = new ArrayList<>();
            long ms = burst(client, 30, responses);
            assertThat(responses).allMatch(r -> r.statusCode() == 200);
            assertThat(ms).isGreaterThanOrEqualTo(600L); // 30 × 20 ms, one at a time
            assertThat(sim.stats(Backend.VLLM).throttled()).isZero();
            assertThat(sim.stats(Backend.VLLM).maxConcurrentInService()).isEqualTo(1);
        }
    }
}
