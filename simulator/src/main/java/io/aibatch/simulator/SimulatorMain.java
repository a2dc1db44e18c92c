package io.aibatch.simulator;

import io.aibatch.simulator.config.SimulatorConfig;
import io.aibatch.simulator.config.SimulatorConfigLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code SimulatorMain --port P [--config FILE]}: runs the simulator until killed. Prints exactly
 * {@code Simulator listening on http://127.0.0.1:PORT} once it accepts connections, for scripts to wait on.
 */
public final class SimulatorMain {

    private SimulatorMain() {}

    public static void main(String[] args) throws Exception {
        Simulator simulator;
        try {
            simulator = launch(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (simulator == null) {
            return; // --help
        }
        serveUntilShutdown(simulator);
    }

    /** Blocks until the JVM is asked to exit (Ctrl-C, SIGTERM), then closes the simulator. */
    public static void serveUntilShutdown(Simulator simulator) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                simulator.close();
                            } catch (Exception ignored) {
                                // exiting anyway
                            }
                            stopped.countDown();
                        },
                        "simulator-shutdown"));
        stopped.await();
    }

    static final String USAGE =
            "usage: SimulatorMain --port P [--config FILE] [--api-key K] [--batch-processing-seconds N] [--batch-create-delay-ms MS]   (port 0 = any free port)";

    /**
     * Parses the arguments, starts the simulator and prints the ready line to {@code out}. The app's
     * {@code aibatch simulate} command can call this and keep the returned simulator open.
     *
     * @return the running simulator, or null when only help was asked for
     * @throws IllegalArgumentException for bad arguments or config
     */
    public static Simulator launch(String[] args, PrintStream out) throws Exception {
        Integer port = null;
        Path configFile = null;
        String apiKey = null;
        Double batchSeconds = null;
        Long createDelayMs = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--config" -> configFile = Path.of(value(args, ++i, "--config"));
                case "--api-key" -> apiKey = value(args, ++i, "--api-key");
                case "--batch-processing-seconds" ->
                    batchSeconds = Double.parseDouble(value(args, ++i, "--batch-processing-seconds"));
                case "--batch-create-delay-ms" ->
                    createDelayMs = Long.parseLong(value(args, ++i, "--batch-create-delay-ms"));
                case "--help", "-h" -> {
                    out.println(USAGE);
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        SimulatorConfig config =
                configFile == null ? SimulatorConfig.defaults() : SimulatorConfigLoader.load(configFile);
        if (port != null) {
            config = config.withPort(port);
        }
        if (batchSeconds != null) {
            config = config.withBatch(config.batch().withProcessingSeconds(batchSeconds));
        }
        if (createDelayMs != null) {
            config = config.withBatch(config.batch().withCreateDelayMs(createDelayMs));
        }
        Simulator simulator = Simulator.start(config, apiKey);
        out.println("Simulator listening on " + simulator.baseUrl());
        out.flush();
        return simulator;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
