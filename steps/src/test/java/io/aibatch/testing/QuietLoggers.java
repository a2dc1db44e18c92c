package io.aibatch.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Silences named loggers for the duration of a test that provokes a fault on purpose: the SDKs (azure-core, the
 * Cosmos bulk executor, reactor-netty) log the faults they then hand back to our code at ERROR or WARN with a stack
 * trace, and a passing build must print none. The levels are restored on close, so the same loggers still speak in
 * every other test (and production is untouched).
 *
 * <pre>{@code
 * try (QuietLoggers quiet = QuietLoggers.off("com.azure.core")) { ... the expected fault ... }
 * }</pre>
 */
public final class QuietLoggers implements AutoCloseable {

    private final Map<Logger, Level> previous = new LinkedHashMap<>();

    private QuietLoggers(String... names) {
        for (String name : names) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            previous.put(logger, logger.getLevel());
            logger.setLevel(Level.OFF);
        }
    }

    /** Turns the loggers (and their children) off until {@link #close()}. */
    public static QuietLoggers off(String... names) {
        return new QuietLoggers(names);
    }

    @Override
    public void close() {
        previous.forEach(Logger::setLevel); // null restores inheriting from the parent
    }
}
