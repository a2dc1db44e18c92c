package io.aibatch.sink.cosmos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.cosmos.models.PartitionKey;
import io.aibatch.json.Json;
import io.aibatch.testing.QuietLoggers;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Cosmos DB result sink against the emulator: creation, idempotent bulk upserts, dead-letter deletes, partition keys. */
class CosmosResultSinkTest {

    static CosmosEmulator emulator;

    record Result(String id, String source, String category, String text) {}

    @BeforeAll
    static void start() throws Exception {
        emulator = CosmosEmulator.start();
    }

    @AfterAll
    static void stop() throws Exception {
        emulator.close();
    }

    private static CosmosResultSink sinkById(CosmosEmulator emulator, String container) throws Exception {
        return CosmosResultSink.open(
                new CosmosLocation("aibatch", container),
                new CosmosSettings(emulator.endpoint(), CosmosEmulator.KEY, "/id", 0));
    }

    static Map<String, JsonNode> items(CosmosResultSink sink) {
        return sink
                .container()
                .queryItems("SELECT * FROM c", com.fasterxml.jackson.databind.JsonNode.class)
                .collectList()
                .block()
                .stream()
                .map(node -> Json.MAPPER.readTree(node.toString()))
                .collect(Collectors.toMap(node -> node.get("id").asString(), node -> node));
    }

    private static final String BULK_EXECUTOR = "com.azure.cosmos.implementation.batch.BulkExecutor";

    @Test
    void createsTheContainerAndWritingAChunkAgainReplacesInsteadOfAdding() throws Exception {
        CosmosSettings settings = new CosmosSettings(emulator.endpoint(), CosmosEmulator.KEY, "/id", 0);
        try (CosmosResultSink sink = CosmosResultSink.open(new CosmosLocation("aibatch", "results-by-id"), settings)) {
            List<Object> first = List.of(
                    new Result("a1", "in/a.png", "invoice", "first"),
                    new Result("b2", "in/b.png", "letter", "first"),
                    new Result("c3", "in/c.png", "receipt", "first"));
            sink.write("slice-0000-000000000000.jsonl", first, List.of());
            // the chunk is redone after a crash: c3 now fails and is dead-lettered, a1 and b2 get new text
            io.aibatch.sink.ResultSink.Written written;
            // deleting "never-written" is answered 404, which the sink expects and the SDK's BulkExecutor logs at ERROR
            try (QuietLoggers quiet = QuietLoggers.off(BULK_EXECUTOR)) {
                written = sink.write(
                        "slice-0000-000000000000.jsonl",
                        List.of(
                                new Result("a1", "in/a.png", "invoice", "second"),
                                new Result("b2", "in/b.png", "letter", "second")),
                        List.of("c3", "never-written"));
            }

            Map<String, JsonNode> items = items(sink);
            assertThat(items).containsOnlyKeys("a1", "b2");
            assertThat(items.get("a1").get("text").asString()).isEqualTo("second");
            assertThat(items.get("b2").get("source").asString()).isEqualTo("in/b.png");
            assertThat(written.requestCharge()).isPositive();
        }
    }

    @Test
    void throttledBulkRequestsAreSentAgainAfterTheServersRetryAfterAndNothingIsLost() throws Exception {
        int retryAfterMillis = 300;
        try (CosmosEmulator throttling = CosmosEmulator.startThrottling(3, retryAfterMillis)) {
            try (CosmosResultSink sink = sinkById(throttling, "throttled")) {
                for (int chunk = 0; chunk < 8; chunk++) {
                    List<Object> results = new java.util.ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        results.add(new Result(
                                "doc-" + chunk + "-" + i,
                                "in/" + chunk + "/" + i + ".png",
                                "invoice",
                                "text " + chunk + "/" + i));
                    }
                    sink.write("slice-0000-%012d.jsonl".formatted(chunk * 25), results, List.of());
                }

                Map<String, JsonNode> items = items(sink);
                assertThat(items).hasSize(200);
                assertThat(items.get("doc-7-24").get("text").asString()).isEqualTo("text 7/24");
            }
            assertThat(throttling.throttled())
                    .as("operations in bulk requests answered 429")
                    .hasSizeGreaterThanOrEqualTo(25);
            assertThat(throttling.retries())
                    .as("every throttled operation came back")
                    .hasSameSizeAs(throttling.throttled());
            assertThat(throttling.retries())
                    .as("none before the server's retry-after")
                    .allSatisfy(retry -> assertThat(retry.waitedMillis()).isGreaterThanOrEqualTo(retryAfterMillis));
        }
    }

    @Test
    void operationsStillThrottledAfterTheSdksRetriesAreSentAgainByTheSink() throws Exception {
        int retryAfterMillis = 50;
        // the SDK retries a throttled operation 9 times (ThrottlingRetryOptions in the sink); 12 refusals outlast it
        // the SDK logs each operation it gives up on at ERROR (BulkExecutor), with a WARN and a stack trace
        // (ResourceThrottleRetryPolicy), before the sink sends it again: that hand-over is what is tested here
        try (QuietLoggers quiet =
                        QuietLoggers.off(BULK_EXECUTOR, "com.azure.cosmos.implementation.ResourceThrottleRetryPolicy");
                CosmosEmulator throttling = CosmosEmulator.startThrottlingOperations(12, retryAfterMillis)) {
            try (CosmosResultSink sink = sinkById(throttling, "overloaded")) {
                List<Object> results = List.of(
                        new Result("p1", "in/p1.png", "invoice", "one"),
                        new Result("p2", "in/p2.png", "letter", "two"));
                sink.write("slice-0000-000000000000.jsonl", results, List.of());

                Map<String, JsonNode> items = items(sink);
                assertThat(items).containsOnlyKeys("p1", "p2");
                assertThat(items.get("p2").get("text").asString()).isEqualTo("two");
            }
            assertThat(throttling.retries())
                    .as("each operation came back after every one of its 12 refusals")
                    .filteredOn(retry -> retry.id().equals("p1"))
                    .hasSize(12)
                    .allSatisfy(retry -> assertThat(retry.waitedMillis()).isGreaterThanOrEqualTo(retryAfterMillis));
        }
    }

    @Test
    void aConfiguredPartitionKeyPathIsUsedForNewContainersAndItems() throws Exception {
        CosmosSettings settings = new CosmosSettings(emulator.endpoint(), CosmosEmulator.KEY, "/category", 0);
        try (CosmosResultSink sink =
                CosmosResultSink.open(new CosmosLocation("aibatch", "results-by-category"), settings)) {
            sink.write(
                    "slice-0001-000000000000.jsonl",
                    List.of(
                            new Result("x1", "in/x.png", "invoice", "t"),
                            new Result("y2", "in/y.png", "letter", "t"),
                            new Result("z3", "in/z.png", null, "t")),
                    List.of());
            assertThat(sink.container()
                            .read()
                            .block()
                            .getProperties()
                            .getPartitionKeyDefinition()
                            .getPaths())
                    .containsExactly("/category");
            assertThat(sink.container()
                            .readAllItems(new PartitionKey("invoice"), com.fasterxml.jackson.databind.JsonNode.class)
                            .collectList()
                            .block())
                    .extracting(n -> n.get("id").asText())
                    .containsExactly("x1");
            assertThat(items(sink)).containsOnlyKeys("x1", "y2", "z3");
        }
    }

    @Test
    void theOutputLocationMustNameADatabaseAndAContainer() {
        assertThat(CosmosLocation.parse("cosmos://db1/docs")).isEqualTo(new CosmosLocation("db1", "docs"));
        assertThatThrownBy(() -> CosmosLocation.parse("cosmos://db1"))
                .hasMessageContaining("cosmos://<database>/<container>");
        assertThatThrownBy(() -> new CosmosSettings("", "k", "/id", 0)).hasMessageContaining("AZURE_COSMOS_ENDPOINT");
        assertThat(new CosmosSettings("https://x", "secret-key", "/id", 0).toString())
                .doesNotContain("secret-key");
    }
}
