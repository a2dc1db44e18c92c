package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.aibatch.cli.AibatchCommand;
import io.aibatch.engine.EndpointRefusedException;
import io.aibatch.engine.Locality;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Endpoints a run must not use are refused before anything is planned, with exit 78 and one line naming the option,
 * the host and why it counts as cloud; a secret in the URL is never echoed.
 */
class EndpointRefusalTest {

    @TempDir
    Path dir;

    private record Outcome(int exit, String err) {}

    private Outcome run(String job, String... extra) {
        List<String> args = new ArrayList<>(
                List.of("run", job, "--work-dir", dir.resolve("wd").toString()));
        args.addAll(List.of(extra));
        if (!args.contains("--input")) {
            args.addAll(List.of("--input", SampleData.DOCUMENTS.toString()));
        }
        if (!args.contains("--output")) {
            args.addAll(List.of("--output", dir.resolve("out").toString()));
        }
        return captured(() -> AibatchCommand.execute(args.toArray(String[]::new)));
    }

    private static Outcome captured(Supplier<Integer> command) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = command.get();
            return new Outcome(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void anInClusterLlmEndpointOnAPublicHostIsRefusedBeforePlanning() {
        Outcome outcome = run("document-pipeline", "--llm-endpoint", "https://my-llm.openai.azure.com/openai/v1");
        assertThat(outcome.exit()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(outcome.err())
                .contains(
                        "--llm-endpoint https://my-llm.openai.azure.com",
                        "host my-llm.openai.azure.com counts as cloud",
                        "DNS name outside the cluster",
                        "--llm-locality in-cluster");
        assertThat(outcome.err().strip().lines()).hasSize(1);
        assertThat(dir.resolve("out").resolve("report.json")).doesNotExist();
        assertThat(dir.resolve("out").resolve("manifest")).doesNotExist();
    }

    @Test
    void llmLocalityCloudIsRefusedEvenOnLoopback() {
        Outcome outcome = run("document-pipeline", "--llm-endpoint", "http://127.0.0.1:9", "--llm-locality", "cloud");
        assertThat(outcome.exit()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(outcome.err()).contains("--llm-endpoint http://127.0.0.1:9", "--llm-locality says cloud");
    }

    @Test
    void endpointsWithCredentialsInTheUrlAreRefusedWithoutEchoingThem() {
        Outcome userInfo =
                run("document-pipeline", "--llm-endpoint", "http://kaito:hunter2-secret@workspace-phi-4-mini.kaito");
        assertThat(userInfo.exit()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(userInfo.err())
                .contains("--llm-endpoint http://workspace-phi-4-mini.kaito", "credentials")
                .doesNotContain("hunter2");

        Outcome query = run(
                "document-pipeline",
                "--ocr",
                "read-container",
                "--ocr-endpoint",
                "http://read-ocr:5000/?api-key=hunter2-secret");
        assertThat(query.exit()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(query.err()).contains("--ocr-endpoint http://read-ocr:5000").doesNotContain("hunter2");

        Outcome cloudLlm = run(
                "document-pipeline",
                "--cloud-llm-endpoint",
                "https://aoai.openai.azure.com/?api-key=hunter2-secret",
                "--cloud-llm-deployment",
                "gpt-4o-mini");
        assertThat(cloudLlm.exit()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(cloudLlm.err())
                .contains("--cloud-llm-endpoint https://aoai.openai.azure.com")
                .doesNotContain("hunter2");
    }

    @Test
    void aCosmosEndpointWithAKeyInTheUrlIsRefused() {
        System.setProperty("aibatch.cosmos.endpoint", "https://acct.documents.azure.com:443/?key=hunter2-secret");
        try {
            Outcome outcome = run(
                    "document-pipeline",
                    "--output",
                    "cosmos://db/results",
                    "--staging",
                    dir.resolve("staging").toString());
            assertThat(outcome.exit()).isEqualTo(ExitCodes.CONFIGURATION);
            assertThat(outcome.err())
                    .contains("aibatch.cosmos.endpoint", "https://acct.documents.azure.com:443")
                    .doesNotContain("hunter2");
        } finally {
            System.clearProperty("aibatch.cosmos.endpoint");
        }
    }

    @Test
    void aCloudTranscriptionEndpointNeverHearsTheAudio() throws Exception {
        HttpServer cloud = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());
        cloud.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        cloud.start();
        try {
            // the endpoint stands in for a public transcription API: configured as cloud, because it is on loopback
            Path config = dir.resolve("cloud-whisper.yaml");
            Files.writeString(config, "aibatch:\n  transcription:\n    openai:\n      locality: cloud\n");
            Outcome outcome = run(
                    "audio-transcription",
                    "--input",
                    SampleData.ROOT.resolve("audio").toString(),
                    "--transcription",
                    "openai",
                    "--transcription-endpoint",
                    "http://127.0.0.1:" + cloud.getAddress().getPort(),
                    "--config",
                    config.toString());
            assertThat(outcome.exit()).isEqualTo(ExitCodes.CONFIGURATION);
            assertThat(outcome.err())
                    .contains(
                            "--transcription-endpoint http://127.0.0.1:",
                            "audio",
                            "aibatch.transcription.openai.locality says cloud");
            assertThat(requests).isEmpty();

            Outcome publicHost = run(
                    "audio-transcription",
                    "--input",
                    SampleData.ROOT.resolve("audio").toString(),
                    "--transcription",
                    "openai",
                    "--transcription-endpoint",
                    "https://api.openai.com/v1");
            assertThat(publicHost.exit()).isEqualTo(ExitCodes.CONFIGURATION);
            assertThat(publicHost.err()).contains("host api.openai.com counts as cloud");
        } finally {
            cloud.stop(0);
        }
    }

    @Test
    void restartChecksTheRecordedEndpointsAgain() throws Exception {
        Path input = TestInputs.tinyScans(dir.resolve("scans"), 2);
        Path config = dir.resolve("text-only.yaml");
        Files.writeString(config, "aibatch:\n  document:\n    enrichment: false\n");
        assertThat(run(
                        "document-pipeline",
                        "--input",
                        input.toString(),
                        "--run-id",
                        "recorded",
                        "--config",
                        config.toString(),
                        "--llm-endpoint",
                        "http://127.0.0.1:9"))
                .extracting(Outcome::exit)
                .isEqualTo(ExitCodes.COMPLETED);
        // as if the run had been started, and had failed, before endpoints were checked
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(
                        "jdbc:h2:file:" + dir.resolve("wd/jobrepository").toAbsolutePath(), "sa", "");
                java.sql.Statement sql = db.createStatement()) {
            assertThat(sql.executeUpdate(
                            "UPDATE BATCH_JOB_EXECUTION_PARAMS SET PARAMETER_VALUE = 'https://llm.example.com/v1'"
                                    + " WHERE PARAMETER_NAME = 'option.llm-endpoint'"))
                    .isOne();
            sql.executeUpdate("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'FAILED', EXIT_CODE = 'FAILED'");
        }
        Outcome restart = captured(() -> AibatchCommand.execute(
                "restart",
                "--run-id",
                "recorded",
                "--work-dir",
                dir.resolve("wd").toString()));
        assertThat(restart.exit()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(restart.err()).contains("--llm-endpoint https://llm.example.com", "counts as cloud");
    }

    @Test
    void llmLocalityResolvesLikeTheOcrEndpoint() {
        ChatEngines auto = chatEngines(new AibatchProperties.Llm(Duration.ofSeconds(1), "", "", "auto", "kaito"));
        RunParameters kaito = run(Map.of(RunParameters.LLM_ENDPOINT, "http://workspace-phi-4-mini.kaito"));
        assertThat(auto.inClusterLocality(kaito)).isEqualTo(Locality.IN_CLUSTER);
        auto.validate(kaito, "documents");

        RunParameters vnet = run(Map.of(
                RunParameters.LLM_ENDPOINT, "https://llm.corp.example.com", RunParameters.LLM_LOCALITY, "in-cluster"));
        assertThat(auto.inClusterLocality(vnet)).isEqualTo(Locality.IN_CLUSTER);
        ChatEngines configuredCloud =
                chatEngines(new AibatchProperties.Llm(Duration.ofSeconds(1), "", "", "cloud", "kaito"));
        assertThatThrownBy(() -> configuredCloud.validate(kaito, "documents"))
                .isInstanceOf(EndpointRefusedException.class);
    }

    /** The in-cluster chat engines as the starter makes them: the kaito factory with these settings. */
    private static ChatEngines chatEngines(AibatchProperties.Llm llm) {
        return new ChatEngines(
                llm,
                new AibatchProperties.CloudLlm(
                        "2024-10-21", Duration.ofSeconds(1), "", "azure-openai", CloudLlmBatch.DEFAULTS),
                new EngineFactories(List.of(EngineConfiguration.kaitoChat(llm))));
    }

    private static RunParameters run(Map<String, String> options) {
        return new RunParameters("r", "in", "out", 1, "v", options);
    }
}
