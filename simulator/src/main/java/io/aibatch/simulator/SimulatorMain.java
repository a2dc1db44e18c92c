package io.aibatch.simulator;

import io.aibatch.simulator.config.SimulatorConfig;
import io.aibatch.simulator.config.SimulatorConfigLoader;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code SimulatorMain --port P [--config FILE]}: runs the simulator until killed. Prints exactly
 * {@code Simulator listening on http://127.0.0.1:PORT} once it accepts connections, for scripts to wait on.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        Integer port = null;
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--config" -> configFile = Path.of(value(args, ++i, "--config"));
                case "--help", "-h" -> {
                    System.out.println("usage: SimulatorMain --port P [--config FILE]   (port 0 = any free port)");
                    return;
                }
                default -> fail("unknown argument '" + args[i] + "'");
            }
        }
        SimulatorConfig config = configFile == null ? SimulatorConfig.defaults() : SimulatorConfigLoader.load(configFile);
        if (port != null) {
            config = config.withPort(port);
        }
        Simulator simulator = Simulator.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                simulator.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
            stopped.countDown();
        }, "simulator-shutdown"));
        System.out.println("Simulator listening on " + simulator.baseUrl());
        System.out.flush();
        stopped.await();
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            fail(flag + " needs a value");
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println(message);
        System.err.println("usage: SimulatorMain --port P [--config FILE]");
        System.exit(2);
    }
}
