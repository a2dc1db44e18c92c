package io.aibatch.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.SimulatorMain;
import io.aibatch.simulator.config.SimulatorConfig;
import io.aibatch.simulator.config.SimulatorConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** config/simulator.yaml, what 'aibatch-devtools simulate' uses from the repository root, points at the committed sample data. */
class SimulatorConfigFileTest {

    static final Path CONFIG =
            Path.of("..", "config", "simulator.yaml").toAbsolutePath().normalize();

    @Test
    void theCommittedConfigLoadsTheSampleDataAsGroundTruth() throws Exception {
        SimulatorConfig config = SimulatorConfigLoader.load(CONFIG);
        assertThat(config.groundTruth().audio())
                .isEqualTo(CONFIG.getParent().resolveSibling("sample-data").resolve("audio"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Simulator sim = SimulatorMain.launch(
                new String[] {"--port", "0", "--config", CONFIG.toString()}, new PrintStream(out, true))) {
            assertThat(out.toString()).startsWith("Simulator listening on " + sim.baseUrl());
            HttpResponse<String> stats = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/_sim/stats"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(stats.body()).contains("\"speech\"", "\"transcription\"");
        }
    }
}
