package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.cli.AibatchCommand;
import io.aibatch.json.Json;
import io.aibatch.simulator.Backend;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.GroundTruthConfig;
import io.aibatch.simulator.config.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * compare: the sample documents through an in-cluster Read container and the cloud Read API (two simulators). The
 * cloud one must receive only documents the in-cluster run found unrestricted, never a restricted one.
 */
class CompareCommandTest {

    @TempDir
    Path dir;

    private static SimulatorConfig read() {
        return SimulatorConfig.defaults()
                .withGroundTruth(new GroundTruthConfig(SampleData.DOCUMENTS, SampleData.GROUND_TRUTH, null))
                .withBackend(Backend.READ, b -> b.withSlots(8).withServiceTime(20, 10));
    }

    @Test
    void cloudProfileGetsOnlyItemsTheInClusterProfileClearedAndTheComparisonRendersOffline() throws Exception {
        Set<String> sentToCloud = ConcurrentHashMap.newKeySet();
        try (Simulator container = Simulator.start(read());
                Simulator cloud = Simulator.start(read());
                AutoCloseable canary = cloud.onRequest(Backend.READ, request -> {
                    if (request.method().equals("POST")) {
                        sentToCloud.add(sha256(request.body()));
                    }
                })) {
            Path config = dir.resolve("compare.yaml");
            Files.writeString(
                    config,
                    """
                    aibatch:
                      ocr:
                        poll-interval: 20ms
                      compare:
                        profiles:
                          container:
                            description: "Read container in the cluster"
                            options: {ocr: read-container, ocr-endpoint: "%s"}
                            pools: [{name: read, vm-size: Standard_NV36ads_A10_v5, nodes: 1, spot: true}]
                          cloud:
                            description: "Read cloud API"
                            options: {ocr: read-container, ocr-endpoint: "%s", ocr-locality: cloud}
                            pools: []
                    """
                            .formatted(container.baseUrl(), cloud.baseUrl()));
            Path input = smallSample(dir.resolve("in"));
            Path output = dir.resolve("out");
            // the cloud profile is named first: it must still run second, after the in-cluster one cleared items, and
            // is listed first
            int exit = AibatchCommand.execute(
                    "compare",
                    "document-pipeline",
                    "--input",
                    input.toString(),
                    "--output",
                    output.toString(),
                    "--profile",
                    "cloud",
                    "--profile",
                    "container",
                    "--partitions",
                    "2",
                    "--comparison-id",
                    "cmp",
                    "--work-dir",
                    dir.resolve("wd").toString(),
                    "--config",
                    config.toString());
            assertThat(exit).isZero();

            JsonNode comparison =
                    Json.MAPPER.readTree(output.resolve("comparison.json").toFile());
            assertThat(comparison.at("/profiles/0/name").asString()).isEqualTo("cloud");
            assertThat(comparison.at("/profiles/1/name").asString()).isEqualTo("container");
            assertThat(comparison.at("/profiles/0/locality").asString()).isEqualTo("CLOUD");
            assertThat(comparison.at("/profiles/0/itemSet").asString()).isEqualTo("cleared");
            assertThat(comparison.at("/profiles/0/report/startTime").asString())
                    .isGreaterThan(
                            comparison.at("/profiles/1/report/endTime").asString()); // ran after the in-cluster one

            RunOutput inCluster = RunOutput.read(output.resolve("container"));
            Map<String, Boolean> restrictedByName = new HashMap<>();
            inCluster
                    .results()
                    .forEach(r -> restrictedByName.put(
                            r.get("name").asString(), r.get("restricted").asBoolean()));
            long unrestricted =
                    restrictedByName.values().stream().filter(r -> !r).count();
            assertThat(restrictedByName).hasSize(SampleData.files(input).size());
            assertThat(unrestricted).isPositive().isLessThan(restrictedByName.size());

            // the cloud run saw exactly the cleared items, and no restricted document's bytes ever reached it
            RunOutput cloudRun = RunOutput.read(output.resolve("cloud"));
            assertThat(cloudRun.report().at("/items/read").asLong()).isEqualTo(unrestricted);
            assertThat(comparison.at("/restrictedItems/cleared").asLong()).isEqualTo(unrestricted);
            assertThat(cloudRun.report().at("/routing/restrictedToCloud").asLong())
                    .isZero();
            Map<String, String[]> labels = DocumentEnrichmentEndToEndTest.labels();
            for (Path file : SampleData.files(input)) {
                String name = file.getFileName().toString();
                boolean truthRestricted = labels.get(name)[2].equals("yes");
                if (truthRestricted || restrictedByName.get(name)) {
                    assertThat(sentToCloud)
                            .as("restricted " + name + " sent to the cloud")
                            .doesNotContain(sha256(Files.readAllBytes(file)));
                }
            }
            assertThat(sentToCloud).hasSize((int) unrestricted);
            // the cloud profile pays per page (API spend); the container profile pays node-hours
            assertThat(cloudRun.report().at("/cost/apiSpend/0/service").asString())
                    .isEqualTo("vision-read");
            assertThat(inCluster.report().at("/cost/cluster/pools/0/vmSize").asString())
                    .isEqualTo("Standard_NV36ads_A10_v5");

            Path html = output.resolve("comparison.html");
            String source = Files.readString(html);
            assertThat(HeadlessBrowser.EXTERNAL.matcher(source).find()).isFalse();
            String dom = HeadlessBrowser.render(html, Files.createDirectories(dir.resolve("browser")));
            assertThat(dom).contains("Comparison cmp", "Side by side", "container", "cloud", "Cost per 1,000 items");
            assertThat(Files.readString(output.resolve("comparison.md"))).contains("| metric | cloud | container |");
            assertThat(HeadlessBrowser.layoutProblems(html, dir.resolve("browser"), 1280))
                    .isEmpty();
        }
    }

    @Test
    void aComparisonWithOnlyCloudProfilesIsRefusedBeforeAnythingIsSent() throws Exception {
        Path config = dir.resolve("cloud-only.yaml");
        Files.writeString(
                config,
                """
                aibatch:
                  compare:
                    profiles:
                      read-cloud: {options: {ocr: read-container, ocr-endpoint: "https://vision.example.com"}}
                      docintel-cloud: {options: {ocr: document-intelligence, ocr-endpoint: "https://docintel.example.com"}}
                """);
        int exit = AibatchCommand.execute(
                "compare",
                "document-pipeline",
                "--input",
                SampleData.DOCUMENTS.toString(),
                "--output",
                dir.resolve("out").toString(),
                "--profile",
                "read-cloud",
                "--profile",
                "docintel-cloud",
                "--work-dir",
                dir.resolve("wd").toString(),
                "--config",
                config.toString());
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(dir.resolve("out").resolve("comparison.json")).doesNotExist();

        // and a plain run with a cloud OCR endpoint is refused too: documents are unchecked before OCR
        int run = AibatchCommand.execute(
                "run",
                "document-pipeline",
                "--input",
                SampleData.DOCUMENTS.toString(),
                "--output",
                dir.resolve("run").toString(),
                "--ocr",
                "read-container",
                "--ocr-endpoint",
                "https://vision.example.com",
                "--work-dir",
                dir.resolve("wd").toString(),
                "--config",
                config.toString());
        assertThat(run).isEqualTo(ExitCodes.CONFIGURATION);
    }

    /** Two documents of each category (restricted and not), to keep the test short. */
    private static Path smallSample(Path directory) throws Exception {
        Files.createDirectories(directory);
        Map<String, Integer> perCategory = new HashMap<>();
        for (Path file : SampleData.files(SampleData.DOCUMENTS)) {
            String name = file.getFileName().toString();
            String category = name.substring(0, name.lastIndexOf('-'));
            if (perCategory.merge(category, 1, Integer::sum) <= 2) {
                Files.copy(file, directory.resolve(name));
            }
        }
        return directory;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
