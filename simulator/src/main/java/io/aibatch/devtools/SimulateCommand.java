package io.aibatch.devtools;

import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.SimulatorMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "simulate",
        description =
                "Serve the simulated AI backends (Read, Document Intelligence, vLLM, Azure OpenAI, "
                        + "transcription, Speech container WebSocket) on one port until killed. Prints 'Simulator listening on URL' when ready.")
final class SimulateCommand implements Callable<Integer> {

    /** Used when --config is not given and the file exists: ground truth for the committed sample data. */
    static final Path DEFAULT_CONFIG = Path.of("config", "simulator.yaml");

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "Port to listen on; 0 = any free port. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "Simulator config (YAML or JSON; see simulator/README.md). Default: config/simulator.yaml when it exists.")
    Path config;

    @Option(
            names = "--api-key",
            paramLabel = "K",
            description =
                    "Require this key on every API endpoint (Ocp-Apim-Subscription-Key, api-key or Authorization: Bearer, as each "
                            + "service does); other requests get the service's 401. /health stays open.")
    String apiKey;

    @Option(
            names = "--batch-processing-seconds",
            paramLabel = "N",
            description =
                    "How long an Azure OpenAI batch stays in_progress (seconds, fractions allowed). Default: the config's"
                            + " batch.processingSeconds (3).")
    Double batchProcessingSeconds;

    @Option(
            names = "--batch-create-delay-ms",
            paramLabel = "MS",
            description =
                    "How long a batch create waits before it answers, the batch already created and listed (to test"
                            + " a client killed in between). Default: the config's batch.createDelayMs (0).")
    Long batchCreateDelayMs;

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port)));
        if (apiKey != null) {
            args.addAll(List.of("--api-key", apiKey));
        }
        if (batchProcessingSeconds != null) {
            args.addAll(List.of("--batch-processing-seconds", batchProcessingSeconds.toString()));
        }
        if (batchCreateDelayMs != null) {
            args.addAll(List.of("--batch-create-delay-ms", batchCreateDelayMs.toString()));
        }
        Path file = config != null ? config : Files.isRegularFile(DEFAULT_CONFIG) ? DEFAULT_CONFIG : null;
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("simulator config " + file + " does not exist");
            }
            args.add("--config");
            args.add(file.toString());
            System.out.println("simulator config: " + file.toAbsolutePath().normalize());
        }
        quietJetty();
        Simulator simulator = SimulatorMain.launch(args.toArray(String[]::new), System.out);
        System.out.println("Speech container endpoint: " + simulator.speechHost());
        System.out.flush();
        SimulatorMain.serveUntilShutdown(simulator);
        return 0;
    }

    /** Jetty's start-up banner would bury the ready line that scripts wait for (slf4j-simple reads this at first use). */
    private static void quietJetty() {
        System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
    }
}
