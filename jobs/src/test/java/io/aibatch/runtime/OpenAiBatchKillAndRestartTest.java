package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.json.Json;
import io.aibatch.simulator.Backend;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * kill -9 an openai-batch run part way through one request file, {@code restart} it from another process: output.jsonl
 * holds every custom_id exactly once, in input order, and errors.jsonl the one refused request.
 */
class OpenAiBatchKillAndRestartTest {

    static final int REQUESTS = 400;

    @TempDir
    Path dir;

    @Test
    void aKilledRunRestartedHasEveryCustomIdExactlyOnceInOutputJsonl() throws Exception {
        Path input = dir.resolve("requests.jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= REQUESTS; i++) {
            // one request the server refuses (400), so the error file crosses the kill too
            lines.add(OpenAiBatchEndToEndTest.chat(
                    "req-" + i,
                    OpenAiBatchEndToEndTest.SIM_MODEL,
                    "Question " + i + ": what is 2+2?",
                    i == 7 ? 100000 : 20));
        }
        Files.write(input, lines);
        Path output = dir.resolve("out");
        List<String> common = List.of("--work-dir", dir.resolve("wd").toString());
        try (Simulator sim =
                Simulator.start(SimulatorConfig.defaults().withBackend(Backend.VLLM, b -> b.withServiceTime(40, 0.01)
                        .withJitterSigma(0)
                        .withContextLength(4096)))) {
            Process first = cli(
                    dir.resolve("first.log"),
                    concat(
                            List.of(
                                    "run",
                                    "openai-batch",
                                    "--input",
                                    input.toString(),
                                    "--output",
                                    output.toString(),
                                    "--llm-endpoint",
                                    sim.baseUrl(),
                                    "--partitions",
                                    "3",
                                    "--run-id",
                                    "killed"),
                            common));
            int linesAtKill = CliProcess.waitForResultLines(output, 60, first, Duration.ofMinutes(3));
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(linesAtKill).as("the run was killed part way").isLessThan(REQUESTS - 1);
            assertThat(output.resolve("output.jsonl")).doesNotExist();

            Process restart = cli(dir.resolve("restart.log"), concat(List.of("restart", "--run-id", "killed"), common));
            assertThat(restart.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(restart.exitValue())
                    .as(Files.readString(dir.resolve("restart.log")))
                    .isEqualTo(ExitCodes.COMPLETED);
            // the custom_ids are checked once, before the run is created; the restart resumes the checked plan
            assertThat(Files.readString(dir.resolve("first.log"))).contains("custom_ids checked");
            assertThat(Files.readString(dir.resolve("restart.log"))).doesNotContain("custom_ids checked");
            System.out.printf("killed after %d of %d result lines; restart completed the run%n", linesAtKill, REQUESTS);
        }
        List<JsonNode> outputLines = OpenAiBatchEndToEndTest.schemaValidLines(output.resolve("output.jsonl"));
        Map<String, Integer> occurrences = new TreeMap<>();
        outputLines.forEach(line -> occurrences.merge(line.get("custom_id").asString(), 1, Integer::sum));
        assertThat(occurrences)
                .hasSize(REQUESTS - 1)
                .allSatisfy((id, count) -> assertThat(count).as(id).isOne());
        assertThat(outputLines)
                .extracting(line -> line.get("custom_id").asString())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, REQUESTS)
                        .filter(i -> i != 7)
                        .mapToObj(i -> "req-" + i)
                        .toList());
        assertThat(OpenAiBatchEndToEndTest.schemaValidLines(output.resolve("errors.jsonl")))
                .extracting(line -> line.get("custom_id").asString())
                .containsExactly("req-7");
        JsonNode report = Json.MAPPER.readTree(output.resolve("report.json").toFile());
        assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(report.get("executions").asInt()).isEqualTo(2);
        assertThat(report.at("/items/read").asLong()).isEqualTo(REQUESTS);
    }

    /** The CLI in a separate JVM; small chunks so a kill lands between commits. */
    private static Process cli(Path log, List<String> arguments) throws IOException {
        return CliProcess.start(log, List.of("-Daibatch.chunk-size=5"), arguments);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
