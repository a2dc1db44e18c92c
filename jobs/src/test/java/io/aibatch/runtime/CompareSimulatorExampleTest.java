package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.json.Json;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.SimulatorMain;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The README's compare example runs verbatim: the command line is read from README.md and run as a separate JVM in a
 * directory laid out like the repository (config/, sample-data/), against the simulator on port 8080 as
 * {@code simulate --port 8080} starts it (on another port, substituted in a copy of the example file, when 8080 is busy).
 */
class CompareSimulatorExampleTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String JAR = "java -jar jobs/target/aibatch.jar ";
    private static final String DEVTOOLS = "java -jar simulator/target/aibatch-devtools.jar ";

    @TempDir
    Path dir;

    @Test
    void theReadmeCompareExampleRunsAgainstTheSimulator() throws Exception {
        List<String> block = readmeExample();
        assertThat(block.get(0)).isEqualTo(DEVTOOLS + "simulate --port 8080");
        String compare = block.get(1);
        assertThat(compare).startsWith(JAR + "compare ");
        List<String> args = Arrays.asList(compare.substring(JAR.length()).trim().split("\\s+"));

        Path root = Files.createDirectories(dir.resolve("repo"));
        copyTree(REPO.resolve("config"), root.resolve("config"));
        Files.createSymbolicLink(root.resolve("sample-data"), REPO.resolve("sample-data"));
        int port = free(8080) ? 8080 : 0;
        try (Simulator simulator = SimulatorMain.launch(
                new String[] {
                    "--port",
                    String.valueOf(port),
                    "--config",
                    REPO.resolve("config/simulator.yaml").toString()
                },
                new PrintStream(PrintStream.nullOutputStream()))) {
            if (port == 0) {
                Path example = root.resolve("config/examples/compare-simulator.yaml");
                Files.writeString(
                        example,
                        Files.readString(example)
                                .replace(
                                        "localhost:8080",
                                        "localhost:"
                                                + java.net
                                                        .URI
                                                        .create(simulator.baseUrl())
                                                        .getPort()));
            }
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    "io.aibatch.cli.AibatchCommand"));
            command.addAll(args);
            Path log = dir.resolve("compare.log");
            Process process = new ProcessBuilder(command)
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("compare did not finish in 5 minutes:\n" + Files.readString(log));
            }
            assertThat(process.exitValue()).as(Files.readString(log)).isZero();
        }

        Path output = root.resolve("out/cmp");
        JsonNode comparison =
                Json.MAPPER.readTree(output.resolve("comparison.json").toFile());
        JsonNode profiles = comparison.get("profiles");
        assertThat(profiles.size()).isEqualTo(3);
        // in the order given, although the cloud ones ran after the in-cluster one
        assertThat(List.of(
                        profiles.get(0).get("name").asString(),
                        profiles.get(1).get("name").asString(),
                        profiles.get(2).get("name").asString()))
                .containsExactly("read-container", "read-cloud", "document-intelligence");
        assertThat(comparison.get("warmUp").asString()).isEqualTo("the first 4 committed items");
        assertThat(comparison.get("monthlyItems").asLong()).isEqualTo(1_000_000);

        JsonNode container = profiles.get(0).at("/report/cost");
        assertThat(container.at("/apiSpend/0/service").asString()).isEqualTo("vision-read");
        assertThat(container.at("/apiSpend/0/billing").asString())
                .isEqualTo("connected"); // metered although in the cluster
        assertThat(container.at("/apiSpend/0/quantity").asDouble())
                .isEqualTo(profiles.get(0).at("/report/units/pages").asDouble());
        assertThat(container.at("/cluster/total").asDouble()).isPositive();
        assertThat(container.get("total").asDouble())
                .isEqualTo(
                        container.at("/cluster/total").asDouble()
                                + container.get("apiSpendTotal").asDouble(),
                        org.assertj.core.api.Assertions.within(0.0002));
        JsonNode cloud = profiles.get(1).at("/report/cost");
        assertThat(cloud.at("/apiSpend/0/billing").asString()).isEqualTo("cloud");
        assertThat(cloud.at("/cluster/total").asDouble()).isZero(); // pools: [] — nothing to pay, known
        assertThat(profiles.get(2).at("/report/cost/apiSpend/0/service").asString())
                .isEqualTo("document-intelligence-read");
        for (JsonNode profile : profiles) {
            assertThat(profile.at("/report/status").asString()).isEqualTo("COMPLETED");
            assertThat(profile.at("/report/steadyState/warmUpItems").asLong()).isGreaterThanOrEqualTo(4);
            assertThat(profile.at("/report/cost/projection").isObject()).isTrue();
        }
        String markdown = Files.readString(output.resolve("comparison.md"));
        assertThat(markdown)
                .contains(
                        "| metric | read-container | read-cloud | document-intelligence |",
                        "projected monthly cost at 1,000,000 items",
                        "items / s steady (after warm-up)",
                        "Equal terms: each profile's warm-up (the first 4 committed items");
        System.out.println("README compare example:\n" + markdown.substring(markdown.indexOf("## Side by side")));
    }

    /** The fenced block of README.md with the compare example, continuation lines joined. */
    static List<String> readmeExample() throws IOException {
        String readme = Files.readString(REPO.resolve("README.md"));
        Matcher blocks = Pattern.compile("```\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (blocks.find()) {
            String block = blocks.group(1);
            if (block.contains("compare document-pipeline --input sample-data/documents")) {
                return Arrays.stream(block.replace("\\\n", " ").split("\n"))
                        .map(String::strip)
                        .filter(l -> !l.isEmpty())
                        .toList();
            }
        }
        throw new AssertionError("README.md has no compare example against sample-data/documents");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
