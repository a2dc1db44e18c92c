package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.cli.AibatchCommand;
import io.aibatch.json.Json;
import io.aibatch.simulator.Backend;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.SimulatorConfig;
import io.aibatch.sink.cosmos.CosmosEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The whole document pipeline with enrichment over the sample documents, through the CLI, with the simulator as
 * KAITO and Azure OpenAI. The canary: Azure OpenAI must never receive any content of a restricted document.
 */
class DocumentEnrichmentEndToEndTest {

    static final java.util.Comparator<JsonNode> NUMBERS_BY_VALUE =
            (a, b) -> a.isNumber() && b.isNumber() ? Double.compare(a.asDouble(), b.asDouble()) : a.equals(b) ? 0 : 1;

    @TempDir
    Path dir;

    @AfterEach
    void clearKey() {
        System.clearProperty("aibatch.cloud-llm.api-key");
    }

    /** labels.csv: file name → row cells. */
    static Map<String, String[]> labels() throws Exception {
        Map<String, String[]> rows = new HashMap<>();
        List<String> lines = Files.readAllLines(SampleData.GROUND_TRUTH.resolve("labels.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            rows.put(cells[0].substring(cells[0].lastIndexOf('/') + 1), cells);
        }
        return rows;
    }

    static String normalized(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    @Test
    void restrictedDocumentsNeverReachAzureOpenAiAndEveryOneIsFound() throws Exception {
        List<String> cloudContents = new CopyOnWriteArrayList<>();
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults()
                        .withBackend(Backend.VLLM, c -> c.withServiceTime(5, 0.05))
                        .withBackend(Backend.AZURE_OPENAI, c -> c.withServiceTime(5, 0.05)));
                AutoCloseable canary = sim.onRequest(Backend.AZURE_OPENAI, request -> {
                    for (JsonNode message : Json.MAPPER.readTree(request.body()).get("messages")) {
                        cloudContents.add(normalized(message.get("content").asString()));
                    }
                })) {
            System.setProperty("aibatch.cloud-llm.api-key", "canary-key");
            Path output = dir.resolve("out");
            int exit = AibatchCommand.execute(
                    "run",
                    "document-pipeline",
                    "--input",
                    SampleData.DOCUMENTS.toString(),
                    "--output",
                    output.toString(),
                    "--partitions",
                    "3",
                    "--run-id",
                    "canary",
                    "--work-dir",
                    dir.resolve("wd").toString(),
                    "--llm-endpoint",
                    sim.baseUrl(),
                    "--cloud-llm-endpoint",
                    sim.baseUrl(),
                    "--cloud-llm-deployment",
                    "gpt-4o-mini");
            assertThat(exit).isEqualTo(ExitCodes.COMPLETED);

            RunOutput run = RunOutput.read(output);
            Map<String, String[]> labels = labels();
            assertThat(run.results()).hasSize(labels.size());
            assertThat(run.deadLetters()).isEmpty();

            // the canary: no line of a restricted document's text (ground truth, and what OCR read) in any cloud
            // request
            List<String> restrictedLines = new ArrayList<>();
            Map<String, String> truth = SampleData.truthByDocument();
            int correct = 0;
            int restrictedFound = 0;
            int restrictedExpected = 0;
            for (Map.Entry<String, JsonNode> entry : run.resultsByName().entrySet()) {
                String[] label = labels.get(entry.getKey());
                JsonNode result = entry.getValue();
                boolean expectedRestricted = label[2].equals("yes");
                if (expectedRestricted) {
                    restrictedExpected++;
                    restrictedFound += result.get("restricted").asBoolean() ? 1 : 0;
                    for (String text : List.of(
                            truth.get(entry.getKey()), result.get("text").asString())) {
                        for (String line : text.split("[\\n\\f]")) {
                            if (line.strip().length() >= 20) {
                                restrictedLines.add(normalized(line));
                            }
                        }
                    }
                }
                boolean right = label[1].equals(result.get("category").asString(null));
                correct += right ? 1 : 0;
                System.out.printf(
                        "%-26s %-17s %.3f restricted=%-5s %-30s summary by %s%s%n",
                        entry.getKey(),
                        result.get("category").asString(null),
                        result.get("categoryScore").asDouble(),
                        result.get("restricted").asBoolean(),
                        result.get("restrictedReasons"),
                        result.get("summaryEngine").asString(),
                        right ? "" : "  WRONG (" + label[1] + ")");

                // routing rule: restricted → KAITO, others → Azure OpenAI; the routing record names every engine
                String expectedSummarizer =
                        result.get("restricted").asBoolean() ? "kaito/phi-4-mini-instruct" : "azure-openai/gpt-4o-mini";
                assertThat(result.get("summaryEngine").asString())
                        .as(entry.getKey())
                        .isEqualTo(expectedSummarizer);
                assertThat(result.get("summary").asString()).as(entry.getKey()).isNotBlank();
                List<String> localities = new ArrayList<>();
                result.get("routing")
                        .forEach(use -> localities.add(use.get("locality").asString()));
                assertThat(localities).as(entry.getKey()).hasSize(3);
                if (result.get("restricted").asBoolean()) {
                    assertThat(localities).as(entry.getKey()).containsOnly("IN_CLUSTER");
                }
            }
            // boilerplate shared with unrestricted documents ("TAX INVOICE / RECEIPT", terms of payment) may go to the
            // cloud
            java.util.Set<String> unrestrictedLines = new java.util.HashSet<>();
            List<String> unrestrictedTexts = new ArrayList<>();
            for (Map.Entry<String, JsonNode> entry : run.resultsByName().entrySet()) {
                if (labels.get(entry.getKey())[2].equals("no")) {
                    for (String text : List.of(
                            truth.get(entry.getKey()),
                            entry.getValue().get("text").asString())) {
                        unrestrictedTexts.add(normalized(text));
                        for (String line : text.split("[\\n\\f]")) {
                            unrestrictedLines.add(normalized(line));
                        }
                    }
                }
            }
            restrictedLines.removeIf(line -> unrestrictedTexts.stream().anyMatch(text -> text.contains(line)));
            assertThat(restrictedLines).hasSizeGreaterThan(300);
            assertThat(cloudContents).isNotEmpty();
            for (String content : cloudContents) {
                for (String line : restrictedLines) {
                    assertThat(content)
                            .as("Azure OpenAI received a line of a restricted document")
                            .doesNotContain(line);
                }
            }
            // the same comparison does find unrestricted documents' lines: the canary can see what it looks for
            String allCloudContent = String.join("\n", cloudContents);
            long unrestrictedSeen = unrestrictedLines.stream()
                    .filter(line -> line.length() >= 20 && allCloudContent.contains(line))
                    .count();
            assertThat(unrestrictedSeen).isGreaterThan(100);
            double accuracy = (double) correct / labels.size();
            System.out.printf(
                    "embedded classification accuracy on the sample run (OCR text): %.1f%% (%d/%d); restricted recall %d/%d%n",
                    100 * accuracy, correct, labels.size(), restrictedFound, restrictedExpected);
            assertThat(restrictedFound).isEqualTo(restrictedExpected);
            assertThat(accuracy).isGreaterThanOrEqualTo(0.8);

            // audit trail: one line per result, same ids; the report counts the routing
            List<JsonNode> audit = auditLines(output);
            assertThat(audit)
                    .extracting(a -> a.get("id").asString())
                    .containsExactlyInAnyOrderElementsOf(run.results().stream()
                            .map(r -> r.get("id").asString())
                            .toList());
            assertThat(audit).allSatisfy(a -> assertThat(a.has("text")).isFalse());
            JsonNode routing = run.report().get("routing");
            System.out.println("report routing: " + routing);
            assertThat(routing.get("items").asLong()).isEqualTo(labels.size());
            assertThat(routing.get("restrictedToCloud").asLong()).isZero();
            assertThat(routing.get("restricted").asLong()).isGreaterThanOrEqualTo(restrictedExpected);
            assertThat(routing.at("/engines/azure-openai~1gpt-4o-mini/locality").asString())
                    .isEqualTo("CLOUD");
            assertThat(routing.at("/engines/azure-openai~1gpt-4o-mini/items").asLong())
                    .isEqualTo(routing.get("unrestricted").asLong());
            assertThat(run.report().at("/units/tokensIn").asLong()).isPositive();

            // tokens: all of them are the simulators' counts; the cloud's share is API spend at the api-spend prices
            JsonNode units = run.report().get("units");
            long cloudTokens = units.get("cloudTokensIn").asLong()
                    + units.get("cloudTokensOut").asLong();
            assertThat(cloudTokens)
                    .isPositive()
                    .isEqualTo(Math.round(sim.stats(Backend.AZURE_OPENAI).unitsProcessed()));
            assertThat(units.get("tokensIn").asLong() + units.get("tokensOut").asLong())
                    .isEqualTo(Math.round(sim.stats(Backend.VLLM).unitsProcessed()) + cloudTokens);
            Map<String, JsonNode> spend = new java.util.HashMap<>();
            run.report()
                    .at("/cost/apiSpend")
                    .forEach(line -> spend.put(line.get("service").asString(), line));
            assertThat(spend).containsOnlyKeys("aoai-gpt-4.1-mini-input", "aoai-gpt-4.1-mini-output");
            assertThat(spend.get("aoai-gpt-4.1-mini-input").get("quantity").asLong())
                    .isEqualTo(units.get("cloudTokensIn").asLong());
            assertThat(spend.get("aoai-gpt-4.1-mini-output").get("quantity").asLong())
                    .isEqualTo(units.get("cloudTokensOut").asLong());
            // no node pool configured: the total is unknown (null), the API spend is known
            assertThat(run.report().at("/cost/total").isNull()).isTrue();
            assertThat(run.report().at("/cost/apiSpendTotal").asDouble())
                    .isEqualTo(
                            spend.values().stream()
                                    .mapToDouble(line -> line.get("cost").asDouble())
                                    .sum(),
                            org.assertj.core.data.Offset.offset(0.0001));
            assertThat(spend.values())
                    .allSatisfy(
                            line -> assertThat(line.get("billing").asString()).isEqualTo("cloud"));
        }
    }

    @Test
    void cosmosOutputHoldsExactlyTheResultsAFileRunWrites() throws Exception {
        Path input = dir.resolve("in");
        Files.createDirectories(input);
        Map<String, String[]> labels = labels();
        for (Path document : SampleData.files(SampleData.DOCUMENTS)) {
            // text-layer PDFs: no OCR, so this stays quick
            if (labels.get(document.getFileName().toString())[4].equals("pdf-text")) {
                Files.copy(document, input.resolve(document.getFileName()));
            }
        }
        try (CosmosEmulator cosmos = CosmosEmulator.start()) {
            System.setProperty("aibatch.cosmos.endpoint", cosmos.endpoint());
            System.setProperty("aibatch.cosmos.partition-key-path", "/category");
            String key = CosmosEmulator.KEY;
            try {
                Path staging = dir.resolve("staging");
                int exit = withCosmosKey(
                        key,
                        () -> AibatchCommand.execute(
                                "run",
                                "document-pipeline",
                                "--input",
                                input.toString(),
                                "--output",
                                "cosmos://aibatch/documents",
                                "--staging",
                                staging.toString(),
                                "--partitions",
                                "2",
                                "--run-id",
                                "to-cosmos",
                                "--work-dir",
                                dir.resolve("wd").toString()));
                assertThat(exit).isEqualTo(ExitCodes.COMPLETED);
                assertThat(Files.exists(staging.resolve("results"))).isFalse();
                JsonNode report =
                        Json.MAPPER.readTree(staging.resolve("report.json").toFile());
                assertThat(report.at("/items/written").asLong()).isEqualTo(9);
                assertThat(report.at("/sink/requestCharge").asDouble()).isPositive();
                assertThat(auditLines(staging)).hasSize(9);

                Path files = dir.resolve("files");
                assertThat(AibatchCommand.execute(
                                "run",
                                "document-pipeline",
                                "--input",
                                input.toString(),
                                "--output",
                                files.toString(),
                                "--run-id",
                                "to-files",
                                "--work-dir",
                                dir.resolve("wd").toString()))
                        .isEqualTo(ExitCodes.COMPLETED);

                Map<String, JsonNode> fileResults = new HashMap<>();
                RunOutput.read(files)
                        .results()
                        .forEach(r -> fileResults.put(r.get("id").asString(), r));
                try (var sink = io.aibatch.sink.cosmos.CosmosResultSink.open(
                        new io.aibatch.sink.cosmos.CosmosLocation("aibatch", "documents"),
                        new io.aibatch.sink.cosmos.CosmosSettings(cosmos.endpoint(), key, "/category", 0))) {
                    List<com.fasterxml.jackson.databind.JsonNode> items = sink.container()
                            .queryItems("SELECT * FROM c", com.fasterxml.jackson.databind.JsonNode.class)
                            .collectList()
                            .block();
                    assertThat(items).hasSize(9);
                    for (com.fasterxml.jackson.databind.JsonNode item : items) {
                        JsonNode cosmosItem = Json.MAPPER.readTree(item.toString());
                        JsonNode fileResult =
                                fileResults.get(cosmosItem.get("id").asString());
                        assertThat(fileResult)
                                .as("a file result with id " + cosmosItem.get("id"))
                                .isNotNull();
                        for (String field : List.of(
                                "source",
                                "name",
                                "text",
                                "category",
                                "restricted",
                                "restrictedReasons",
                                "summary",
                                "summaryEngine",
                                "routing",
                                "pages",
                                "pageDetails")) {
                            // numbers compare by value: Cosmos DB gives 1.0 back as 1
                            assertThat(cosmosItem.get(field).equals(NUMBERS_BY_VALUE, fileResult.get(field)))
                                    .as(field + ": " + cosmosItem.get(field) + " vs " + fileResult.get(field))
                                    .isTrue();
                        }
                    }
                }
            } finally {
                System.clearProperty("aibatch.cosmos.endpoint");
                System.clearProperty("aibatch.cosmos.partition-key-path");
            }
        }
    }

    @Test
    void aCosmosOutputWithoutStagingIsAUsageError() {
        int exit = AibatchCommand.execute(
                "run",
                "document-pipeline",
                "--input",
                SampleData.DOCUMENTS.toString(),
                "--output",
                "cosmos://aibatch/documents",
                "--work-dir",
                dir.resolve("wd").toString());
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
    }

    /** The key is read from the environment in production; tests pass it as the key system property the settings also read. */
    private static int withCosmosKey(String key, java.util.function.IntSupplier run) {
        System.setProperty("aibatch.cosmos.key", key);
        try {
            return run.getAsInt();
        } finally {
            System.clearProperty("aibatch.cosmos.key");
        }
    }

    private static List<JsonNode> auditLines(Path output) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        try (var files = Files.list(output.resolve("audit"))) {
            for (Path file : files.sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    lines.add(Json.MAPPER.readTree(line));
                }
            }
        }
        return lines;
    }
}
