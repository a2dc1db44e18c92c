package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import io.aibatch.json.Json;
import io.aibatch.simulator.Backend;
import io.aibatch.simulator.ReceivedRequest;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The openai-batch job against the simulated vLLM: a request file in the Batch input format with several request
 * shapes (chat, chat with a system message and tools, embeddings of one and of several inputs), a blank line, a
 * malformed line, a request the server refuses (400) and one with an unsupported url. Every line of output.jsonl and
 * errors.jsonl must validate against the Batch API's BatchRequestOutput schema and hold exactly its four fields.
 */
class OpenAiBatchEndToEndTest {

    /** The spec's schemas are OpenAPI 3.0 schema objects ({@code nullable}) with OpenAI's x-* documentation keys. */
    static final SchemaRegistry SPEC = SchemaRegistry.withDialect(Dialect.builder(Dialects.getOpenApi30())
            .keyword(new NonValidationKeyword("x-oaiMeta"))
            .keyword(new NonValidationKeyword("x-oaiTypeLabel"))
            .keyword(new NonValidationKeyword("x-stainless-const"))
            .build());

    /** The Batch API's line schemas, from the spec copied in test resources. */
    static final Schema OUTPUT_LINE = SPEC.getSchema(
            SchemaLocation.of("classpath:specs/openai/batch-jsonl-line-schemas.json#/schemas/BatchRequestOutput"));

    static final Schema INPUT_LINE = SPEC.getSchema(
            SchemaLocation.of("classpath:specs/openai/batch-jsonl-line-schemas.json#/schemas/BatchRequestInput"));

    static final String SIM_MODEL = "phi-4-mini-instruct";

    private static Simulator sim;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimulatorConfig.defaults().withBackend(Backend.VLLM, b -> b.withServiceTime(2, 0.01)
                .withJitterSigma(0)
                .withContextLength(4096)));
    }

    @AfterAll
    static void stop() throws Exception {
        sim.close();
    }

    static String chat(String customId, String model, String user, Integer maxTokens) {
        return "{\"custom_id\":\"" + customId + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                + "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + user + "\"}]"
                + (maxTokens == null ? "" : ",\"max_tokens\":" + maxTokens) + "}}";
    }

    /** The request file; its lines, by number: see the comments. */
    static List<String> requests(String model) {
        return List.of(
                // 1: plain chat
                chat("chat-1", model, "What is 2+2?", 50),
                // 2: chat with a system message and sampling parameters
                "{\"custom_id\":\"chat-2\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\""
                        + model + "\",\"messages\":[{\"role\":\"system\",\"content\":\"You are terse.\"},"
                        + "{\"role\":\"user\",\"content\":\"Summarise: revenue grew. Costs were flat.\"}],"
                        + "\"temperature\":0.2,\"max_tokens\":40}}",
                // 3: embeddings of one input
                "{\"custom_id\":\"embed-1\",\"method\":\"POST\",\"url\":\"/v1/embeddings\",\"body\":{\"model\":\""
                        + model + "\",\"input\":\"The quarterly report\"}}",
                // 4: blank: skipped, keeps its number
                "",
                // 5: embeddings of several inputs, with dimensions
                "{\"custom_id\":\"embed-2\",\"method\":\"POST\",\"url\":\"/v1/embeddings\",\"body\":{\"model\":\""
                        + model + "\",\"input\":[\"one\",\"two\"],\"dimensions\":16}}",
                // 6: malformed (cut short)
                "{\"custom_id\":\"broken\",\"method\":\"POST\",\"url\":\"/v1/chat/comp",
                // 7: the server refuses it (400: over the context length)
                chat("too-long", model, "Hello", 100000),
                // 8: an API the job does not serve
                "{\"custom_id\":\"bad-url\",\"method\":\"POST\",\"url\":\"/v1/images/generations\",\"body\":{\"prompt\":\"x\"}}",
                // 9: restricted content (a tax file number), sent to the in-cluster endpoint and recorded as restricted
                chat("restricted-1", model, "My TFN is 123 456 782, what now?", 30));
    }

    @Test
    void aRequestFileBecomesBatchOutputAndErrorFilesThatMatchTheLineSchemas() throws Exception {
        Path input = dir.resolve("requests.jsonl");
        Files.write(input, requests("gpt-4o-mini"));
        for (String line : requests("gpt-4o-mini")) {
            if (line.startsWith("{\"custom_id\":\"chat-1\"")) {
                assertThat(INPUT_LINE.validate(line, InputFormat.JSON)).isEmpty();
            }
        }
        Path output = dir.resolve("out");
        List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
        CliRun run;
        try (AutoCloseable observer = sim.onRequest(Backend.VLLM, received::add)) {
            run = CliRun.of(
                    "run",
                    "openai-batch",
                    "--input",
                    input.toString(),
                    "--output",
                    output.toString(),
                    "--llm-endpoint",
                    sim.baseUrl(),
                    "--model",
                    SIM_MODEL,
                    "--partitions",
                    "2",
                    "--work-dir",
                    dir.resolve("wd").toString());
        }
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCodes.COMPLETED);

        List<JsonNode> outputLines = schemaValidLines(output.resolve("output.jsonl"));
        assertThat(outputLines)
                .extracting(line -> line.get("custom_id").asString())
                .containsExactly("chat-1", "chat-2", "embed-1", "embed-2", "restricted-1");
        for (JsonNode line : outputLines) {
            assertThat(line.get("id").asString()).startsWith("batch_req_");
            assertThat(line.at("/response/status_code").asInt()).isEqualTo(200);
            assertThat(line.at("/response/request_id").isString()).isTrue();
            assertThat(line.get("error").isNull()).isTrue();
        }
        assertThat(outputLines.get(0).at("/response/body/object").asString()).isEqualTo("chat.completion");
        assertThat(outputLines.get(0).at("/response/body/model").asString()).isEqualTo(SIM_MODEL);
        assertThat(outputLines.get(2).at("/response/body/data/0/embedding")).hasSize(384);
        assertThat(outputLines.get(3).at("/response/body/data")).hasSize(2);
        assertThat(outputLines.get(3).at("/response/body/data/1/embedding")).hasSize(16);

        List<JsonNode> errorLines = schemaValidLines(output.resolve("errors.jsonl"));
        assertThat(errorLines)
                .extracting(line -> line.get("custom_id").asString())
                .containsExactly("too-long", "bad-url");
        assertThat(errorLines.get(0).at("/response/status_code").asInt()).isEqualTo(400);
        assertThat(errorLines.get(0).at("/response/body/error/message").asString())
                .contains("maximum context length");
        assertThat(errorLines.get(0).get("error").isNull()).isTrue();
        assertThat(errorLines.get(1).get("response").isNull()).isTrue();
        assertThat(errorLines.get(1).at("/error/code").asString()).isEqualTo("invalid-request");
        assertThat(errorLines.get(1).at("/error/message").asString()).contains("line 8 of requests.jsonl");

        // every request reached the server with --model in place of the line's model; the unusable lines did not
        List<JsonNode> sent = received.stream()
                .filter(r -> r.method().equals("POST"))
                .map(r -> Json.MAPPER.readTree(r.body()))
                .toList();
        assertThat(sent)
                .hasSize(6)
                .allSatisfy(body -> assertThat(body.get("model").asString()).isEqualTo(SIM_MODEL));

        RunOutput out = RunOutput.read(output);
        assertThat(out.deadLetters())
                .extracting(d -> d.get("code").asString())
                .containsExactly("malformed-line", "http-400", "invalid-request");
        JsonNode malformed = out.deadLetters().get(0);
        assertThat(malformed.get("name").asString()).isEqualTo("requests.jsonl#L6");
        assertThat(malformed.get("reason").asString()).startsWith("line 6 of requests.jsonl is not valid JSON");

        List<JsonNode> audit = lines(output.resolve("audit"));
        assertThat(audit).hasSize(5);
        JsonNode restricted = audit.stream()
                .filter(a -> a.get("name").asString().equals("requests.jsonl#L9"))
                .findFirst()
                .orElseThrow();
        assertThat(restricted.get("restricted").asBoolean()).isTrue();
        assertThat(restricted.get("restrictedReasons").toString()).contains("tfn");
        assertThat(restricted.at("/routing/0/locality").asString()).isEqualTo("IN_CLUSTER");

        JsonNode report = out.report();
        assertThat(report.at("/units/requests").asLong()).isEqualTo(5);
        assertThat(report.at("/units/tokensIn").asLong()).isPositive();
        assertThat(report.at("/units/tokensOut").asLong()).isPositive();
        // priced as Azure OpenAI's Batch (the cloud equivalent) and real-time
        assertThat(report.at("/cost/cloudEquivalent/lines").toString())
                .contains("aoai-gpt-4.1-mini-batch-input", "aoai-gpt-4.1-mini-input");
        assertThat(report.at("/items/read").asLong()).isEqualTo(8);
        assertThat(report.at("/items/written").asLong()).isEqualTo(5);
        assertThat(report.at("/items/deadLettered").asLong()).isEqualTo(3);
    }

    /**
     * A line above aibatch.openai-batch.max-line-size is dead-lettered without being read whole (a 300 MB line ran the
     * plan out of heap), and the duplicate check does not read its custom_id either: it is not the line's to claim.
     */
    @Test
    void aLineAboveTheSizeLimitIsDeadLetteredUnreadAndTheOthersRun() throws Exception {
        Path input = dir.resolve("requests.jsonl");
        String huge = chat("chat-1", "m", "x".repeat(3000), 10); // line 2, and chat-1 again
        Files.write(input, List.of(chat("chat-1", "m", "Hello", 10), huge, chat("chat-3", "m", "Hi", 10)));
        Path config = dir.resolve("limit.yaml");
        Files.writeString(config, "aibatch:\n  openai-batch:\n    max-line-size: 1KB\n");
        Path output = dir.resolve("out");
        List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
        CliRun run;
        try (AutoCloseable observer = sim.onRequest(Backend.VLLM, received::add)) {
            run = CliRun.of(
                    "run",
                    "openai-batch",
                    "--input",
                    input.toString(),
                    "--output",
                    output.toString(),
                    "--llm-endpoint",
                    sim.baseUrl(),
                    "--model",
                    SIM_MODEL,
                    "--config",
                    config.toString(),
                    "--work-dir",
                    dir.resolve("wd").toString());
        }
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCodes.COMPLETED);

        assertThat(schemaValidLines(output.resolve("output.jsonl")))
                .extracting(line -> line.get("custom_id").asString())
                .containsExactly("chat-1", "chat-3");
        assertThat(received.stream().filter(r -> r.method().equals("POST"))).hasSize(2);
        RunOutput out = RunOutput.read(output);
        assertThat(out.deadLetters()).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.get("code").asString()).isEqualTo("too-large");
            assertThat(deadLetter.get("reason").asString())
                    .isEqualTo("line 2 of requests.jsonl is %,d bytes, above the limit of 1,024 bytes"
                                    .formatted(huge.length())
                            + " (aibatch.openai-batch.max-line-size)");
        });
        assertThat(out.report().at("/items/read").asLong()).isEqualTo(3);
        assertThat(out.report().at("/items/written").asLong()).isEqualTo(2);
    }

    @Test
    void duplicateCustomIdsAreRefusedBeforeTheRunUnlessAllowed() throws Exception {
        Path input = dir.resolve("dup.jsonl");
        Files.write(
                input,
                List.of(
                        chat("a", SIM_MODEL, "one", 10),
                        chat("b", SIM_MODEL, "two", 10),
                        chat("a", SIM_MODEL, "three", 10)));
        Path output = dir.resolve("dup-out");
        List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
        CliRun refused;
        try (AutoCloseable observer = sim.onRequest(Backend.VLLM, received::add)) {
            refused = CliRun.of(
                    "run",
                    "openai-batch",
                    "--input",
                    input.toString(),
                    "--output",
                    output.toString(),
                    "--llm-endpoint",
                    sim.baseUrl(),
                    "--run-id",
                    "dup-refused",
                    "--work-dir",
                    dir.resolve("wd").toString());
        }
        assertThat(refused.exit()).isEqualTo(ExitCodes.INPUT_UNUSABLE);
        assertThat(refused.err()).contains("'a' on line 1 of dup.jsonl and line 3 of dup.jsonl");
        assertThat(refused.err()).doesNotContain("\tat ");
        assertThat(received).filteredOn(r -> r.method().equals("POST")).isEmpty();
        assertThat(output.resolve("results")).doesNotExist();
        // refused before the run starts: no run (no failed execution) in the repository, nothing to restart
        CliRun status = CliRun.of("status", "--work-dir", dir.resolve("wd").toString(), "--run-id", "dup-refused");
        assertThat(status.exit()).as(status.out() + status.err()).isNotZero();
        assertThat(status.err()).contains("dup-refused");
        assertThat(CliRun.of("status", "--work-dir", dir.resolve("wd").toString())
                        .out())
                .doesNotContain("dup-refused");

        CliRun allowed = CliRun.of(
                "run",
                "openai-batch",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--llm-endpoint",
                sim.baseUrl(),
                "--allow-duplicate-ids",
                "true",
                "--work-dir",
                dir.resolve("wd").toString());
        assertThat(allowed.exit()).as(allowed.out() + allowed.err()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(schemaValidLines(output.resolve("output.jsonl")))
                .extracting(line -> line.get("custom_id").asString())
                .containsExactly("a", "b", "a");
    }

    /**
     * An endpoint outside the cluster ({@code --llm-locality cloud}) gets only the lines the restriction check clears:
     * the line with a tax file number is dead-lettered as restricted without being sent, the others are sent.
     */
    @Test
    void aCloudEndpointGetsOnlyTheLinesTheRestrictionCheckClears() throws Exception {
        Path input = dir.resolve("mixed.jsonl");
        Files.write(
                input,
                List.of(
                        chat("plain", SIM_MODEL, "What is 2+2?", 10),
                        chat("tfn", SIM_MODEL, "My TFN is 123 456 782, what now?", 10),
                        chat("card", SIM_MODEL, "Charge 4111 1111 1111 1111 please", 10)));
        Path output = dir.resolve("cloud-out");
        List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
        CliRun run;
        try (AutoCloseable observer = sim.onRequest(Backend.VLLM, received::add)) {
            run = CliRun.of(
                    "run",
                    "openai-batch",
                    "--input",
                    input.toString(),
                    "--output",
                    output.toString(),
                    "--llm-endpoint",
                    sim.baseUrl(),
                    "--llm-locality",
                    "cloud",
                    "--max-dead-letter-ratio",
                    "1",
                    "--work-dir",
                    dir.resolve("wd").toString());
        }
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(schemaValidLines(output.resolve("output.jsonl")))
                .extracting(line -> line.get("custom_id").asString())
                .containsExactly("plain");
        List<JsonNode> errors = schemaValidLines(output.resolve("errors.jsonl"));
        assertThat(errors).extracting(line -> line.get("custom_id").asString()).containsExactly("tfn", "card");
        assertThat(errors).allSatisfy(line -> assertThat(line.at("/error/code").asString())
                .isEqualTo("restricted"));
        assertThat(errors.get(0).at("/error/message").asString())
                .contains("tfn")
                .contains("not sent");
        List<String> sent = received.stream()
                .filter(r -> r.method().equals("POST"))
                .map(ReceivedRequest::bodyAsString)
                .toList();
        assertThat(sent).hasSize(1).allSatisfy(body -> assertThat(body).contains("What is 2+2?"));
        assertThat(lines(output.resolve("audit"))).singleElement().satisfies(audit -> assertThat(
                        audit.at("/routing/0/locality").asString())
                .isEqualTo("CLOUD"));
    }

    /** Every line of a Batch output file, each checked against BatchRequestOutput and for exactly its four fields. */
    static List<JsonNode> schemaValidLines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String text : Files.readAllLines(file)) {
            assertThat(OUTPUT_LINE.validate(text, InputFormat.JSON)).as(text).isEmpty();
            JsonNode line = Json.MAPPER.readTree(text);
            List<String> fields = new ArrayList<>(line.propertyNames());
            assertThat(fields).as(text).containsExactly("id", "custom_id", "response", "error");
            lines.add(line);
        }
        return lines;
    }

    private static List<JsonNode> lines(Path directory) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return lines;
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                for (String text : Files.readAllLines(file)) {
                    if (!text.isBlank()) {
                        lines.add(Json.MAPPER.readTree(text));
                    }
                }
            }
        }
        return lines;
    }
}
