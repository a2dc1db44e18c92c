package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.cli.AibatchCommand;
import io.aibatch.simulator.Backend;
import io.aibatch.simulator.BackendStats;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.FaultRates;
import io.aibatch.simulator.config.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * 5,000 items against a backend that fails in every way it can: 10% 5xx, 5% 429 with Retry-After,
 * 1% hangs beyond the timeout, 0.5% malformed bodies. Every item must be written or dead-lettered
 * with a reason, none lost, none duplicated, and the counts must reconcile.
 */
class FaultMixTest {

    private static final int ITEMS = 5_000;

    @TempDir
    Path dir;

    @Test
    void everyItemIsWrittenOrDeadLetteredExactlyOnceUnderAFaultMix() throws Exception {
        Path input = TestInputs.tinyScans(dir.resolve("in"), ITEMS);
        Path config = dir.resolve("fault-mix.yaml");
        Files.writeString(
                config,
                """
                aibatch:
                  document:
                    enrichment: false   # this test is about backend faults; enrichment has its own tests
                  chunk-size: 100
                  window: 256
                  ocr:
                    request-timeout: 1s
                    poll-interval: 20ms
                  backends:
                    read-container:
                      adaptive: false
                      initial-concurrency: 32
                      call-timeout: 2s
                      max-attempts: 6
                      initial-backoff: 20ms
                      max-backoff: 500ms
                """);
        SimulatorConfig faulty = SimulatorConfig.defaults().withBackend(Backend.READ, b -> b.withSlots(32)
                .withQueueLimit(-1)
                .withServiceTime(5, 5)
                .withJitterSigma(0.3)
                .withFaults(FaultRates.NONE
                        .withHttp5xx(0.10)
                        .withHttp429(0.05)
                        .withHang(0.01)
                        .withMalformed(0.005)));

        try (Simulator simulator = Simulator.start(faulty)) {
            Path output = dir.resolve("out");
            long started = System.nanoTime();
            int exit = AibatchCommand.execute(
                    "run",
                    "document-pipeline",
                    "--input",
                    input.toString(),
                    "--output",
                    output.toString(),
                    "--ocr",
                    "read-container",
                    "--ocr-endpoint",
                    simulator.baseUrl(),
                    "--partitions",
                    "4",
                    "--work-dir",
                    dir.resolve("wd").toString(),
                    "--config",
                    config.toString());
            double seconds = (System.nanoTime() - started) / 1e9;

            assertThat(exit).isZero();
            RunOutput run = RunOutput.read(output);
            Map<String, Integer> occurrences = run.occurrencesBySource();
            assertThat(occurrences)
                    .hasSize(ITEMS)
                    .allSatisfy((source, count) -> assertThat(count).as(source).isOne());
            assertThat(run.deadLetters()).allSatisfy(line -> {
                assertThat(line.get("reason").asString()).isNotBlank();
                assertThat(line.get("attempts").asInt()).isPositive();
            });
            JsonNode report = run.report();
            assertThat(report.at("/items/read").asLong()).isEqualTo(ITEMS);
            assertThat(report.at("/items/written").asLong())
                    .isEqualTo(run.results().size());
            assertThat(report.at("/items/deadLettered").asLong())
                    .isEqualTo(run.deadLetters().size());
            BackendStats stats = simulator.stats(Backend.READ);
            System.out.printf(
                    "fault mix: %d items in %.1f s, %d written, %d dead-lettered; backend saw %d requests, faults %s%n",
                    ITEMS, seconds, run.results().size(), run.deadLetters().size(), stats.requests(), stats.errors());
            assertThat(stats.errors().keySet()).contains("http5xx", "http429", "hang", "malformed");
            // with 6 attempts and ~17% faulty attempts, almost everything gets through
            assertThat(run.results().size()).isGreaterThan(ITEMS * 99 / 100);
        }
    }
}
