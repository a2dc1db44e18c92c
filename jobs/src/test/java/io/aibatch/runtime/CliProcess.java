package io.aibatch.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The CLI in a separate JVM with the test's class path, for tests that kill it mid-run. */
final class CliProcess {

    private CliProcess() {}

    /** Starts {@code aibatch arguments…} with the given system properties ({@code -Dkey=value}); output to {@code log}. */
    static Process start(Path log, List<String> systemProperties, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(systemProperties);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.aibatch.cli.AibatchCommand"));
        command.addAll(arguments);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** Waits until the run has written at least {@code atLeast} result lines; fails if it ends or times out first. */
    static int waitForResultLines(Path output, int atLeast, Process process, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the run ended before it could be killed, exit code " + process.exitValue());
            }
            try {
                int lines = RunOutput.read(output).results().size();
                if (lines >= atLeast) {
                    return lines;
                }
            } catch (IOException fileReplacedWhileListing) {
                // chunk files are replaced atomically; just look again
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + atLeast + " result lines within " + timeout);
    }
}
