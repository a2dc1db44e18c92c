package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aibatch.cli.AibatchCommand;
import io.aibatch.simulator.Backend;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code --budget-usd} against a simulated Read container, which runs connected and so is billed per page
 * ($1.50 / 1,000 in config/pricing.yaml) although it is in the cluster: the run stops (exit 3, reason budget) before
 * the pages the container served would cost more than the ceiling, and a restart with a higher ceiling finishes it.
 * No node pool is configured, so the cluster counts as 0 and the report says so.
 */
class BudgetTest {

    private static final int ITEMS = 300;
    private static final double PER_PAGE = 1.50 / 1000;

    @TempDir
    Path dir;

    @Test
    void stopsBeforeTheCeilingAndARestartWithAHigherOneFinishes() throws Exception {
        SimulatorConfig config = SimulatorConfig.defaults().withBackend(Backend.READ, b -> b.withSlots(4)
                .withQueueLimit(-1)
                .withServiceTime(40, 0)
                .withJitterSigma(0));
        try (Simulator simulator = Simulator.start(config)) {
            Path input = TestInputs.tinyScans(dir.resolve("in"), ITEMS);
            Path configFile = dir.resolve("budget.yaml");
            Files.writeString(
                    configFile,
                    """
                    aibatch:
                      document:
                        enrichment: false
                      chunk-size: 10
                      window: 8
                      ocr:
                        sync: true
                    """);
            Path output = dir.resolve("out");
            String[] common = {"--work-dir", dir.resolve("wd").toString(), "--config", configFile.toString()};
            double budget = 0.10;

            java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
            java.io.PrintStream stdout = System.out;
            System.setOut(new java.io.PrintStream(printed, true));
            int exit;
            try {
                exit = AibatchCommand.execute(concat(
                        new String[] {
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
                            "2",
                            "--run-id",
                            "capped",
                            "--budget-usd",
                            String.valueOf(budget)
                        },
                        common));
            } finally {
                System.setOut(stdout);
            }

            assertThat(exit).isEqualTo(ExitCodes.STOPPED);
            assertThat(printed.toString())
                    .as("a stop is not reported as a failure")
                    .contains("stopped: continue it with: restart --run-id capped")
                    .doesNotContain("JobInterruptedException");
            JsonNode report = RunOutput.read(output).report();
            assertThat(report.get("status").asString()).isEqualTo("STOPPED");
            assertThat(report.at("/budget/stopReason").asString()).isEqualTo("budget");
            assertThat(report.at("/budget/limitUsd").asDouble()).isEqualTo(budget);
            assertThat(report.at("/budget/clusterPriced").asBoolean()).isFalse();
            assertThat(report.at("/budget/note").asString()).contains("counts as 0");
            long pagesBilled = simulator.stats(Backend.READ).requests(); // sync: one billed request per page
            System.out.println("budget " + budget + ": stopped after "
                    + report.at("/items/read").asLong() + " items, " + pagesBilled + " pages billed ($"
                    + pagesBilled * PER_PAGE + "): " + report.get("budget"));
            assertThat(report.at("/items/read").asLong()).isPositive().isLessThan(ITEMS);
            assertThat(pagesBilled * PER_PAGE)
                    .as("what the container's pages cost")
                    .isLessThanOrEqualTo(budget);
            assertThat(report.at("/cost/apiSpendTotal").asDouble()).isLessThanOrEqualTo(budget);

            // a ceiling that is not a positive number is refused before anything runs
            assertThat(AibatchCommand.execute(
                            concat(new String[] {"restart", "--run-id", "capped", "--budget-usd", "-1"}, common)))
                    .isEqualTo(ExitCodes.USAGE);

            int restarted = AibatchCommand.execute(
                    concat(new String[] {"restart", "--run-id", "capped", "--budget-usd", "1.00"}, common));

            assertThat(restarted).isEqualTo(ExitCodes.COMPLETED);
            JsonNode done = RunOutput.read(output).report();
            assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(done.at("/items/read").asLong()).isEqualTo(ITEMS);
            assertThat(done.at("/budget/limitUsd").asDouble()).isEqualTo(1.0);
            assertThat(done.at("/budget/stopReason").isMissingNode()
                            || done.at("/budget/stopReason").isNull())
                    .isTrue();
            assertThat(done.at("/cost/apiSpendTotal").asDouble()).isCloseTo(ITEMS * PER_PAGE, within(1e-6));
        }
    }

    private static String[] concat(String[] head, String[] tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
