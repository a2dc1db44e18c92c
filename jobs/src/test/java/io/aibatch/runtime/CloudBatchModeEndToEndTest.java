package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.cli.AibatchCommand;
import io.aibatch.devtools.sampledata.SyntheticIdentifiers;
import io.aibatch.json.Json;
import io.aibatch.simulator.Backend;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.BatchConfig;
import io.aibatch.simulator.config.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code --cloud-llm-mode batch} end to end against the simulator's Files and Batches API: unrestricted invoices are
 * summarised through a batch per slice and written by the collect step, restricted ones (a TFN) stay in the cluster
 * and never appear in any uploaded file, even deleted ones ({@code GET /_sim/files}).
 */
class CloudBatchModeEndToEndTest {

    static final String DEPLOYMENT = "gpt-4o-mini";
    static final String BATCH_ENGINE = "azure-openai-batch/" + DEPLOYMENT;
    static final String API_VERSION = "2024-10-21";

    @TempDir
    Path dir;

    Path input;
    final List<String> restrictedDigits = new ArrayList<>();
    final List<String> cleanMarkers = new ArrayList<>();

    @BeforeEach
    void invoices() throws Exception {
        Random random = new Random(2020);
        input = dir.resolve("in");
        Files.createDirectories(input);
        for (int i = 0; i < 4; i++) {
            String tfn = SyntheticIdentifiers.taxFileNumber(random);
            restrictedDigits.add(tfn);
            RestrictedCanaryEndToEndTest.writePdf(
                    input.resolve(String.format("restricted-%02d.pdf", i)),
                    RestrictedCanaryEndToEndTest.invoice(random, i, List.of("Supplier TFN: " + tfn)));
        }
        for (int i = 0; i < 8; i++) {
            String marker = "Delivery note reference CLEAN-" + (5100 + i) + " for the warehouse team";
            cleanMarkers.add(marker);
            RestrictedCanaryEndToEndTest.writePdf(
                    input.resolve(String.format("clean-%02d.pdf", i)),
                    RestrictedCanaryEndToEndTest.invoice(random, 100 + i, List.of(marker)));
        }
        System.setProperty("aibatch.cloud-llm.api-key", "batch-key");
        System.setProperty("aibatch.cloud-llm.batch.poll-interval", "200ms");
        System.setProperty("aibatch.cloud-llm.batch.file-poll-interval", "50ms");
    }

    @AfterEach
    void clearProperties() {
        for (String p : List.of(
                "aibatch.cloud-llm.api-key",
                "aibatch.cloud-llm.batch.poll-interval",
                "aibatch.cloud-llm.batch.file-poll-interval",
                "aibatch.cloud-llm.batch.max-wait",
                "aibatch.cloud-llm.batch.job-deadline",
                "aibatch.cloud-llm.batch.quota-backoff")) {
            System.clearProperty(p);
        }
    }

    static Simulator simulator(UnaryOperator<BatchConfig> batch) throws Exception {
        return Simulator.start(SimulatorConfig.defaults()
                .withBackend(Backend.VLLM, c -> c.withServiceTime(5, 0.05))
                .withBackend(Backend.AZURE_OPENAI, c -> c.withServiceTime(5, 0.05))
                .withBatch(batch.apply(
                        BatchConfig.DEFAULTS.withProcessingSeconds(1).withFastPhases())));
    }

    /** The JVM options of the child processes the kill tests run the CLI in. */
    private static final List<String> CHILD_JVM = List.of(
            "-Xmx512m",
            "-Daibatch.cloud-llm.api-key=batch-key",
            "-Daibatch.cloud-llm.batch.poll-interval=200ms",
            "-Daibatch.cloud-llm.batch.file-poll-interval=50ms");

    /** Starts the run in a child JVM (log first.log) and kills it (kill -9) as soon as the simulator has both batches. */
    private void startInAnotherJvmAndKillOnceTwoBatchesExist(Simulator sim, Path output, String runId)
            throws Exception {
        Path log = dir.resolve("first.log");
        Process first = CliProcess.start(log, CHILD_JVM, runArguments(sim, output, runId));
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
        while (createdBatches(sim) < 2) {
            assertThat(first.isAlive())
                    .as(Files.exists(log) ? Files.readString(log) : "")
                    .isTrue();
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
        first.destroyForcibly().waitFor();
    }

    /** Restarts the run in another child JVM (log restart.log), which must complete; returns its log. */
    private String restartInAnotherJvm(String runId) throws Exception {
        Process restart = CliProcess.start(
                dir.resolve("restart.log"),
                CHILD_JVM,
                List.of(
                        "restart",
                        "--run-id",
                        runId,
                        "--work-dir",
                        dir.resolve("wd").toString()));
        assertThat(restart.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        String restartLog = Files.readString(dir.resolve("restart.log"));
        assertThat(restart.exitValue()).as(restartLog).isEqualTo(ExitCodes.COMPLETED);
        return restartLog;
    }

    List<String> runArguments(Simulator sim, Path output, String runId, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "run",
                "document-pipeline",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--partitions",
                "2",
                "--run-id",
                runId,
                "--work-dir",
                dir.resolve("wd").toString(),
                "--llm-endpoint",
                sim.baseUrl(),
                "--cloud-llm-endpoint",
                sim.baseUrl(),
                "--cloud-llm-deployment",
                DEPLOYMENT,
                "--cloud-llm-mode",
                "batch"));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void unrestrictedSummariesComeFromBatchesAndRestrictedTextIsInNoUploadedFile() throws Exception {
        AtomicInteger realtimeCalls = new AtomicInteger();
        try (Simulator sim = simulator(b -> b);
                AutoCloseable counter = sim.onRequest(Backend.AZURE_OPENAI, request -> {
                    if (request.path().contains("/chat/completions")) {
                        realtimeCalls.incrementAndGet();
                    }
                })) {
            Path output = dir.resolve("out");
            int exit =
                    AibatchCommand.execute(runArguments(sim, output, "batched").toArray(String[]::new));
            assertThat(exit).isEqualTo(ExitCodes.COMPLETED);

            RunOutput run = RunOutput.read(output);
            assertThat(run.deadLetters()).isEmpty();
            assertThat(run.results()).hasSize(restrictedDigits.size() + cleanMarkers.size());
            assertThat(run.occurrencesBySource().values()).containsOnly(1);
            for (Map.Entry<String, JsonNode> e : run.resultsByName().entrySet()) {
                JsonNode result = e.getValue();
                assertThat(result.get("summary").asString("")).as(e.getKey()).isNotBlank();
                assertThat(result.get("summaryEngine").asString())
                        .as(e.getKey())
                        .isEqualTo(e.getKey().startsWith("restricted") ? "kaito/phi-4-mini-instruct" : BATCH_ENGINE);
                assertThat(result.get("restricted").asBoolean())
                        .isEqualTo(e.getKey().startsWith("restricted"));
            }
            assertThat(realtimeCalls).as("real-time cloud calls").hasValue(0);

            // every file ever uploaded (deleted ones too): each clean invoice once, no restricted identifier
            JsonNode files = json(sim, "GET", "/_sim/files").get("data");
            StringBuilder uploaded = new StringBuilder();
            int inputFiles = 0;
            for (JsonNode f : files) {
                assertThat(f.get("deleted").asBoolean())
                        .as("file %s deleted", f.get("id"))
                        .isTrue();
                if (f.get("purpose").asString().equals("batch")) {
                    inputFiles++;
                    uploaded.append(f.get("content").asString()).append('\n');
                }
            }
            String all = uploaded.toString().replaceAll("\\s+", " ");
            for (String marker : cleanMarkers) {
                assertThat(all).contains(marker);
            }
            String digits = RestrictedCanaryEndToEndTest.digitsOf(uploaded.toString());
            for (String tfn : restrictedDigits) {
                assertThat(digits).doesNotContain(tfn);
            }
            assertThat(createdBatches(sim)).isEqualTo(inputFiles).isEqualTo(2);

            JsonNode counts = run.report().get("items");
            System.out.println("report items: " + counts);
            assertThat(counts.get("read").asLong())
                    .isEqualTo(counts.get("written").asLong()
                            + counts.get("deadLettered").asLong())
                    .isEqualTo(restrictedDigits.size() + cleanMarkers.size());
            assertBatchedTokensPricedAtTheBatchLines(run.report());
        }
    }

    /**
     * The batched summaries' tokens are the batch share (from the batch output's usage), priced at the batch lines of
     * pricing.yaml; no token counts as a real-time cloud one; the cost's routes put them next to the in-cluster ones.
     */
    static void assertBatchedTokensPricedAtTheBatchLines(JsonNode report) {
        JsonNode units = report.get("units");
        long batchIn = units.path("batchTokensIn").asLong(),
                batchOut = units.path("batchTokensOut").asLong();
        assertThat(batchIn).isPositive();
        assertThat(batchOut).isPositive();
        assertThat(units.get("cloudTokensIn").asLong()).isZero();
        assertThat(units.get("cloudTokensOut").asLong()).isZero();
        assertThat(units.get("tokensIn").asLong()).isGreaterThan(batchIn); // the restricted ones went in-cluster
        JsonNode cost = report.get("cost");
        Map<String, JsonNode> lines = new java.util.HashMap<>();
        cost.get("apiSpend").forEach(line -> lines.put(line.get("service").asString(), line));
        assertThat(lines.get("aoai-gpt-4.1-mini-batch-input").get("quantity").asLong())
                .isEqualTo(batchIn);
        assertThat(lines.get("aoai-gpt-4.1-mini-batch-input").get("engine").asString())
                .isEqualTo("azure-openai-batch");
        assertThat(lines.get("aoai-gpt-4.1-mini-batch-output").get("quantity").asLong())
                .isEqualTo(batchOut);
        assertThat(lines.get("aoai-gpt-4.1-mini-batch-input").get("cost").asDouble())
                .isPositive();
        assertThat(lines.get("aoai-gpt-4.1-mini-input").get("quantity").asDouble())
                .isZero();
        assertThat(lines.get("aoai-gpt-4.1-mini-input").get("cost").asDouble()).isZero();
        List<String> routes = new ArrayList<>();
        cost.get("languageModel").forEach(route -> routes.add(route.get("route").asString()));
        assertThat(routes).containsExactly("in-cluster", "cloud batch");
        JsonNode batch = cost.get("languageModel").get(1);
        assertThat(batch.get("tokensIn").asLong()).isEqualTo(batchIn);
        assertThat(batch.get("cost").asDouble())
                .isEqualTo(
                        lines.get("aoai-gpt-4.1-mini-batch-input").get("cost").asDouble()
                                + lines.get("aoai-gpt-4.1-mini-batch-output")
                                        .get("cost")
                                        .asDouble(),
                        org.assertj.core.api.Assertions.within(1e-4));
    }

    @Test
    void requestsOfExpiredBatchesFallBackToRealTimeOrAreDeadLetteredWithFallbackNone() throws Exception {
        AtomicInteger realtimeCalls = new AtomicInteger();
        // every batch expires long before its requests would run
        try (Simulator sim = simulator(b -> b.withProcessingSeconds(30).withExpireAfterSeconds(0.5));
                AutoCloseable counter = sim.onRequest(Backend.AZURE_OPENAI, request -> {
                    if (request.path().contains("/chat/completions")) {
                        realtimeCalls.incrementAndGet();
                    }
                })) {
            Path output = dir.resolve("out");
            int exit =
                    AibatchCommand.execute(runArguments(sim, output, "expired").toArray(String[]::new));
            assertThat(exit).isEqualTo(ExitCodes.COMPLETED);
            RunOutput run = RunOutput.read(output);
            assertThat(run.deadLetters()).isEmpty();
            assertThat(run.results()).hasSize(restrictedDigits.size() + cleanMarkers.size());
            for (Map.Entry<String, JsonNode> e : run.resultsByName().entrySet()) {
                assertThat(e.getValue().get("summary").asString("")).isNotBlank();
                assertThat(e.getValue().get("summaryEngine").asString())
                        .isEqualTo(
                                e.getKey().startsWith("restricted")
                                        ? "kaito/phi-4-mini-instruct"
                                        : "azure-openai/" + DEPLOYMENT);
            }
            assertThat(realtimeCalls).hasValue(cleanMarkers.size());
            // the fallback's tokens are real-time ones, priced at the real-time lines; no batch ran any request
            JsonNode units = run.report().get("units");
            assertThat(units.get("cloudTokensIn").asLong()).isPositive();
            assertThat(units.path("batchTokensIn").asLong()).isZero();

            Path none = dir.resolve("none");
            exit = AibatchCommand.execute(runArguments(
                            sim,
                            none,
                            "expired-none",
                            "--cloud-llm-batch-fallback",
                            "none",
                            "--max-dead-letter-ratio",
                            "1")
                    .toArray(String[]::new));
            assertThat(exit).isEqualTo(ExitCodes.COMPLETED);
            RunOutput dead = RunOutput.read(none);
            assertThat(dead.results()).hasSize(restrictedDigits.size());
            assertThat(dead.deadLetters()).hasSize(cleanMarkers.size());
            assertThat(dead.deadLetters())
                    .allSatisfy(d -> assertThat(d.get("code").asString()).isEqualTo("batch-expired"));
            assertThat(realtimeCalls).hasValue(cleanMarkers.size());
            JsonNode counts = dead.report().get("items");
            assertThat(counts.get("read").asLong())
                    .isEqualTo(counts.get("written").asLong()
                            + counts.get("deadLettered").asLong());
        }
    }

    @Test
    void enqueuedTokenQuotaBacksOffAndTheRunStillCompletes() throws Exception {
        System.setProperty("aibatch.cloud-llm.batch.quota-backoff", "100ms");
        System.setProperty("aibatch.cloud-llm.batch.quota-attempts", "14");
        System.setProperty("aibatch.cloud-llm.batch.max-requests-per-file", "2");
        AtomicInteger creates = new AtomicInteger();
        try (Simulator sim = simulator(b -> b.withEnqueuedTokenLimit(1000));
                AutoCloseable counter = sim.onRequest(Backend.AZURE_OPENAI, request -> {
                    if (request.method().equals("POST") && request.path().endsWith("/batches")) {
                        creates.incrementAndGet();
                    }
                })) {
            Path output = dir.resolve("out");
            int exit = AibatchCommand.execute(runArguments(sim, output, "quota").toArray(String[]::new));
            assertThat(exit).isEqualTo(ExitCodes.COMPLETED);
            RunOutput run = RunOutput.read(output);
            assertThat(run.deadLetters()).isEmpty();
            assertThat(run.results()).hasSize(restrictedDigits.size() + cleanMarkers.size());
            int created = createdBatches(sim);
            System.out.println("quota: " + creates + " create calls for " + created + " batches");
            assertThat(created).isEqualTo(inputFiles(sim)).isGreaterThanOrEqualTo(cleanMarkers.size() / 2);
            assertThat(creates.get()).as("create calls refused and retried").isGreaterThan(created);
        } finally {
            System.clearProperty("aibatch.cloud-llm.batch.quota-attempts");
            System.clearProperty("aibatch.cloud-llm.batch.max-requests-per-file");
        }
    }

    @Test
    void collectStopsAfterMaxWaitAndRestartCollectsWithoutCreatingAgain() throws Exception {
        System.setProperty("aibatch.cloud-llm.batch.max-wait", "1s");
        try (Simulator sim = simulator(b -> b.withProcessingSeconds(4))) {
            Path output = dir.resolve("out");
            int exit = AibatchCommand.execute(runArguments(sim, output, "waits").toArray(String[]::new));
            assertThat(exit).isEqualTo(ExitCodes.STOPPED);
            assertThat(RunOutput.read(output).results()).hasSize(restrictedDigits.size());
            assertThat(createdBatches(sim)).isEqualTo(2);

            System.setProperty("aibatch.cloud-llm.batch.max-wait", "1m");
            exit = AibatchCommand.execute(
                    "restart",
                    "--run-id",
                    "waits",
                    "--work-dir",
                    dir.resolve("wd").toString());
            assertThat(exit).isEqualTo(ExitCodes.COMPLETED);
            RunOutput run = RunOutput.read(output);
            assertThat(run.results()).hasSize(restrictedDigits.size() + cleanMarkers.size());
            assertThat(run.occurrencesBySource().values()).containsOnly(1);
            assertThat(createdBatches(sim)).isEqualTo(inputFiles(sim)).isEqualTo(2);
        }
    }

    /**
     * {@code --budget-usd} in batch mode: the batched requests' spend is only committed when collected, so without
     * counting the requests waiting for a batch the run would never stop. With a ceiling below what the 8 batched
     * summaries are estimated to cost, the slices stop before they close and create a batch; a restart with a higher
     * ceiling creates the batches and completes.
     */
    @Test
    void aBudgetStopsTheRunBeforeItsBatchesAndARestartWithAHigherCeilingCompletes() throws Exception {
        System.setProperty("aibatch.chunk-size", "2");
        System.setProperty("aibatch.window", "2");
        try (Simulator sim = simulator(b -> b)) {
            Path output = dir.resolve("out");
            double budget = 0.0005; // about two batched summaries at the batch prices (estimated ~$0.0002-0.0003 each)
            int exit =
                    AibatchCommand.execute(runArguments(sim, output, "capped", "--budget-usd", String.valueOf(budget))
                            .toArray(String[]::new));
            assertThat(exit).isEqualTo(ExitCodes.STOPPED);
            JsonNode stopped = RunOutput.read(output).report();
            System.out.println("batch budget stop: " + stopped.get("budget") + ", items " + stopped.get("items"));
            assertThat(stopped.at("/budget/stopReason").asString()).isEqualTo("budget");
            assertThat(stopped.at("/budget/projectedUsd").asDouble()).isGreaterThan(budget);
            assertThat(stopped.at("/budget/spentUsd").asDouble()).isZero(); // nothing collected
            assertThat(stopped.at("/budget/note").asString()).contains("waiting for a cloud batch");
            assertThat(createdBatches(sim))
                    .as("no batch created beyond the ceiling")
                    .isZero();

            exit = AibatchCommand.execute(
                    "restart",
                    "--run-id",
                    "capped",
                    "--work-dir",
                    dir.resolve("wd").toString(),
                    "--budget-usd",
                    "1.00");
            assertThat(exit).isEqualTo(ExitCodes.COMPLETED);
            RunOutput run = RunOutput.read(output);
            assertThat(run.results()).hasSize(restrictedDigits.size() + cleanMarkers.size());
            assertThat(run.occurrencesBySource().values()).containsOnly(1);
            assertThat(createdBatches(sim)).isEqualTo(inputFiles(sim)).isEqualTo(2);
            JsonNode done = run.report();
            System.out.println("batch budget restart: " + done.get("budget") + ", spend "
                    + done.at("/cost/apiSpendTotal").asDouble());
            assertThat(done.at("/budget/limitUsd").asDouble()).isEqualTo(1.0);
            assertThat(done.at("/budget/stopReason").isMissingNode()
                            || done.at("/budget/stopReason").isNull())
                    .isTrue();
            double spent = done.at("/cost/apiSpendTotal").asDouble();
            assertThat(spent)
                    .isPositive()
                    .isLessThan(stopped.at("/budget/projectedUsd").asDouble() * 2);
            assertBatchedTokensPricedAtTheBatchLines(done);
        } finally {
            System.clearProperty("aibatch.chunk-size");
            System.clearProperty("aibatch.window");
        }
    }

    /**
     * {@code compare} with a batch profile: a profile's options may set {@code cloud-llm-mode: batch} (a job option), so
     * the same documents are summarised in real time by one profile and through batches by the other, each priced at
     * its own lines and shown side by side.
     */
    @Test
    void compareRunsARealTimeAndABatchProfileSideBySide() throws Exception {
        try (Simulator sim = simulator(b -> b)) {
            Path config = dir.resolve("compare.yaml");
            Files.writeString(
                    config,
                    """
                    aibatch:
                      compare:
                        profiles:
                          realtime:
                            description: "unrestricted summaries by Azure OpenAI in real time"
                            options: {llm-endpoint: "%1$s", cloud-llm-endpoint: "%1$s", cloud-llm-deployment: %2$s}
                          batch:
                            description: "unrestricted summaries through the Azure OpenAI Batch API"
                            options:
                              llm-endpoint: "%1$s"
                              cloud-llm-endpoint: "%1$s"
                              cloud-llm-deployment: %2$s
                              cloud-llm-mode: batch
                    """
                            .formatted(sim.baseUrl(), DEPLOYMENT));
            Path output = dir.resolve("cmp");
            int exit = AibatchCommand.execute(
                    "compare",
                    "document-pipeline",
                    "--input",
                    input.toString(),
                    "--output",
                    output.toString(),
                    "--profile",
                    "realtime",
                    "--profile",
                    "batch",
                    "--partitions",
                    "2",
                    "--comparison-id",
                    "rb",
                    "--work-dir",
                    dir.resolve("wd").toString(),
                    "--config",
                    config.toString());
            assertThat(exit).isZero();

            RunOutput realtime = RunOutput.read(output.resolve("realtime"));
            RunOutput batch = RunOutput.read(output.resolve("batch"));
            int all = restrictedDigits.size() + cleanMarkers.size();
            assertThat(realtime.results()).hasSize(all);
            assertThat(batch.results()).hasSize(all);
            assertThat(batch.resultsByName()
                            .get("clean-00.pdf")
                            .get("summaryEngine")
                            .asString())
                    .isEqualTo(BATCH_ENGINE);
            assertThat(realtime.resultsByName()
                            .get("clean-00.pdf")
                            .get("summaryEngine")
                            .asString())
                    .isEqualTo("azure-openai/" + DEPLOYMENT);
            assertThat(createdBatches(sim)).isEqualTo(2); // the batch profile's two slices only
            assertBatchedTokensPricedAtTheBatchLines(batch.report());

            JsonNode rt = realtime.report().at("/cost/languageModel");
            List<String> routes = new ArrayList<>();
            rt.forEach(route -> routes.add(route.get("route").asString()));
            assertThat(routes).containsExactly("in-cluster", "cloud real-time");
            JsonNode bt = batch.report().at("/cost/languageModel/1");
            // the same kind of requests at half the price per token (the simulator's replies differ in length)
            double realtimePerToken = rt.get(1).get("cost").asDouble()
                    / (rt.get(1).get("tokensIn").asDouble() * 0.40
                            + rt.get(1).get("tokensOut").asDouble() * 1.60);
            double batchPerToken = bt.get("cost").asDouble()
                    / (bt.get("tokensIn").asDouble() * 0.40
                            + bt.get("tokensOut").asDouble() * 1.60);
            assertThat(batchPerToken / realtimePerToken).isCloseTo(0.5, org.assertj.core.api.Assertions.within(0.05));

            JsonNode comparison =
                    Json.MAPPER.readTree(output.resolve("comparison.json").toFile());
            assertThat(comparison.at("/profiles/1/options/cloud-llm-mode").asString())
                    .isEqualTo("batch");
            assertThat(Files.readString(output.resolve("comparison.md")))
                    .contains("| metric | realtime | batch |")
                    .containsPattern(
                            "\\|   language-model tokens in / out, cloud batch \\| — \\| [0-9,]+ / [0-9,]+ \\(\\$")
                    .containsPattern(
                            "\\|   language-model tokens in / out, cloud real-time \\| [0-9,]+ / [0-9,]+ \\(\\$[^|]*\\| — \\|");
        }
    }

    @Test
    void collectStopsBeforeTheJobsDeadlineWhenMaxWaitWouldOutlastIt() throws Exception {
        // the Job's deadline (as the manager manifests set it) less the 10-minute margin is 1 s after this JVM started,
        // long gone: collect may not wait at all, although max-wait (23 h) would let it
        System.setProperty("aibatch.cloud-llm.batch.job-deadline", "601s");
        try (Simulator sim = simulator(b -> b.withProcessingSeconds(4))) {
            Path output = dir.resolve("out");
            int exit =
                    AibatchCommand.execute(runArguments(sim, output, "deadline").toArray(String[]::new));
            assertThat(exit).isEqualTo(ExitCodes.STOPPED);
            assertThat(RunOutput.read(output).results()).hasSize(restrictedDigits.size());

            System.clearProperty("aibatch.cloud-llm.batch.job-deadline");
            exit = AibatchCommand.execute(
                    "restart",
                    "--run-id",
                    "deadline",
                    "--work-dir",
                    dir.resolve("wd").toString());
            assertThat(exit).isEqualTo(ExitCodes.COMPLETED);
            RunOutput run = RunOutput.read(output);
            assertThat(run.results()).hasSize(restrictedDigits.size() + cleanMarkers.size());
            assertThat(createdBatches(sim)).isEqualTo(2);
        }
    }

    @Test
    void killedWhileBatchesRunThenRestartedEveryItemOnceAndOneBatchPerFile() throws Exception {
        try (Simulator sim = simulator(b -> b.withProcessingSeconds(6))) {
            Path output = dir.resolve("out");
            startInAnotherJvmAndKillOnceTwoBatchesExist(sim, output, "killed"); // both batches in progress
            assertThat(RunOutput.read(output).results()).hasSize(restrictedDigits.size());

            restartInAnotherJvm("killed");
            RunOutput run = RunOutput.read(output);
            assertThat(run.results())
                    .as(Files.readString(dir.resolve("first.log")) + Files.readString(dir.resolve("restart.log")))
                    .hasSize(restrictedDigits.size() + cleanMarkers.size());
            assertThat(run.occurrencesBySource().values()).containsOnly(1);
            assertThat(run.deadLetters()).isEmpty();
            assertThat(createdBatches(sim)).isEqualTo(inputFiles(sim)).isEqualTo(2);
        }
    }

    @Test
    void killedWhileCreateWasInFlightRestartFindsTheBatchByItsInputFileAndNeverCreatesASecond() throws Exception {
        AtomicInteger creates = new AtomicInteger();
        // a create's answer is held 30 s after the batch exists: killing the run meanwhile leaves every slice with its
        // input file id saved and no batch id, the window between create and saving its id
        try (Simulator sim = simulator(b -> b.withProcessingSeconds(1).withCreateDelayMs(30_000));
                AutoCloseable counter = sim.onRequest(Backend.AZURE_OPENAI, request -> {
                    if (request.method().equals("POST") && request.path().endsWith("/batches")) {
                        creates.incrementAndGet();
                    }
                })) {
            Path output = dir.resolve("out");
            // killed while both creates wait for their answer
            startInAnotherJvmAndKillOnceTwoBatchesExist(sim, output, "in-create");
            assertThat(Files.readString(dir.resolve("first.log")))
                    .as("no batch id was recorded before the kill")
                    .doesNotContain("batch batch_");
            assertThat(creates).hasValue(2);

            String restartLog = restartInAnotherJvm("in-create");
            assertThat(restartLog)
                    .as("both slices found their batch by its input file")
                    .containsPattern("(?s)re-attached to batch .*re-attached to batch ");
            RunOutput run = RunOutput.read(output);
            assertThat(run.results()).hasSize(restrictedDigits.size() + cleanMarkers.size());
            assertThat(run.occurrencesBySource().values()).containsOnly(1);
            assertThat(run.deadLetters()).isEmpty();
            assertThat(run.resultsByName().entrySet())
                    .filteredOn(e -> e.getKey().startsWith("clean"))
                    .allSatisfy(
                            e -> assertThat(e.getValue().get("summaryEngine").asString())
                                    .isEqualTo(BATCH_ENGINE));
            assertThat(creates).as("create calls").hasValue(2);
            assertThat(createdBatches(sim)).isEqualTo(inputFiles(sim)).isEqualTo(2);
        }
    }

    @Test
    void abandonCancelsTheRunsOpenBatchesAndWarnsOnceWhenTheEndpointIsUnreachable() throws Exception {
        System.setProperty("aibatch.cloud-llm.batch.max-wait", "1s");
        Simulator sim = simulator(b -> b.withProcessingSeconds(60));
        try {
            int exit = AibatchCommand.execute(
                    runArguments(sim, dir.resolve("out"), "given-up").toArray(String[]::new));
            assertThat(exit).isEqualTo(ExitCodes.STOPPED);
            Map<String, String> first = batchStates(sim);
            assertThat(first).hasSize(2).allSatisfy((id, state) -> assertThat(state)
                    .isIn("validating", "in_progress"));

            Printed abandon = Printed.of(
                    "abandon",
                    "--run-id",
                    "given-up",
                    "--work-dir",
                    dir.resolve("wd").toString());
            assertThat(abandon.exit()).as(abandon.err()).isEqualTo(ExitCodes.COMPLETED);
            assertThat(abandon.out()).contains("given-up", "ABANDONED").doesNotContain("batch-key");
            for (String id : first.keySet()) {
                assertThat(abandon.out()).contains("batch " + id);
            }
            assertThat(abandon.err()).isEmpty();
            assertThat(batchStates(sim))
                    .as("the run's batches after abandon")
                    .allSatisfy((id, state) -> assertThat(state).isIn("cancelling", "cancelled"));

            Printed restart = Printed.of(
                    "restart",
                    "--run-id",
                    "given-up",
                    "--work-dir",
                    dir.resolve("wd").toString());
            assertThat(restart.exit()).as("an abandoned run is not restarted").isEqualTo(ExitCodes.USAGE);
            assertThat(restart.err()).contains("run given-up was abandoned");
            assertThat(createdBatches(sim)).isEqualTo(2);

            // a second stopped run, then its endpoint goes away: the run is still abandoned, one warning names its
            // batches
            exit = AibatchCommand.execute(
                    runArguments(sim, dir.resolve("out2"), "unreachable").toArray(String[]::new));
            assertThat(exit).isEqualTo(ExitCodes.STOPPED);
            List<String> open = new ArrayList<>(batchStates(sim).keySet());
            open.removeAll(first.keySet());
            assertThat(open).hasSize(2);
            sim.close();
            Printed unreachable = Printed.of(
                    "abandon",
                    "--run-id",
                    "unreachable",
                    "--work-dir",
                    dir.resolve("wd").toString());
            assertThat(unreachable.exit()).isEqualTo(ExitCodes.COMPLETED);
            assertThat(unreachable.out()).contains("unreachable", "ABANDONED");
            assertThat(unreachable.err().lines().filter(l -> !l.isBlank()))
                    .singleElement()
                    .satisfies(line -> assertThat(line)
                            .contains("warning", "could not cancel 2 cloud batch(es)", open.get(0), open.get(1))
                            .doesNotContain("batch-key"));
        } finally {
            sim.close();
        }
    }

    /** What a command printed on stdout and stderr, and its exit code. */
    record Printed(int exit, String out, String err) {
        static Printed of(String... args) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            java.io.PrintStream originalOut = System.out;
            java.io.PrintStream originalErr = System.err;
            System.setOut(new java.io.PrintStream(out, true));
            System.setErr(new java.io.PrintStream(err, true));
            int exit;
            try {
                exit = AibatchCommand.execute(args);
            } finally {
                System.setOut(originalOut);
                System.setErr(originalErr);
            }
            System.out.print(out);
            System.err.print(err);
            return new Printed(exit, out.toString(), err.toString());
        }
    }

    /** Every batch the simulator holds, by id: its status. */
    static Map<String, String> batchStates(Simulator sim) throws Exception {
        Map<String, String> states = new java.util.LinkedHashMap<>();
        for (JsonNode b : json(sim, "GET", "/openai/batches?limit=100").get("data")) {
            states.put(b.get("id").asString(), b.get("status").asString());
        }
        return states;
    }

    static int inputFiles(Simulator sim) throws Exception {
        int n = 0;
        for (JsonNode f : json(sim, "GET", "/_sim/files").get("data")) {
            n += f.get("purpose").asString().equals("batch") ? 1 : 0;
        }
        return n;
    }

    static int createdBatches(Simulator sim) throws Exception {
        return json(sim, "GET", "/openai/batches?limit=100&api-version=" + API_VERSION)
                .get("data")
                .size();
    }

    static JsonNode json(Simulator sim, String method, String path) throws Exception {
        String url = sim.baseUrl() + path;
        if (path.startsWith("/openai/") && !path.contains("api-version")) {
            url += (path.contains("?") ? "&" : "?") + "api-version=" + API_VERSION;
        }
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("api-key", "batch-key")
                                .method(method, HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path).isLessThan(300);
        return Json.MAPPER.readTree(response.body());
    }
}
