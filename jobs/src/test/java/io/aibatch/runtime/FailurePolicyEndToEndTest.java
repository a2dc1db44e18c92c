package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.simulator.Backend;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.GroundTruthConfig;
import io.aibatch.simulator.config.SimulatorConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operator mistakes and outages, end to end through the command line against the simulator: a key the backend
 * refuses (exit 78, nothing dead-lettered), an endpoint nobody listens on (preflight, exit 78 with the cause), a run
 * that dead-letters more than it may (exit 1 naming the codes; restart with a higher ratio completes), a run stopped
 * with slices left STARTED (restart recovers it), SIGTERM while calls are paused by an outage (stops within the grace
 * period with a report; restart completes), an outage longer than max-outage (exit 1, one line saying so, nothing
 * dead-lettered; restart completes), and a second process on a locked --work-dir (one line).
 */
class FailurePolicyEndToEndTest {

    static final Path AUDIO = SampleData.ROOT.resolve("audio");
    static final Path TRANSCRIPTS = SampleData.ROOT.resolve("audio-transcripts");
    static final String KEY = "the-right-key";

    private static Simulator simulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        simulator = Simulator.start(config(), KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close();
    }

    private static SimulatorConfig config() {
        return SimulatorConfig.defaults()
                .withGroundTruth(new GroundTruthConfig(null, null, AUDIO, TRANSCRIPTS))
                .withBackend(Backend.TRANSCRIPTION, c -> c.withServiceTime(5, 1).withSlots(8));
    }

    private Path config(String key) throws IOException {
        Path config = dir.resolve("key-" + key + ".yaml");
        Files.writeString(config, "aibatch:\n  transcription:\n    openai:\n      api-key: " + key + "\n");
        return config;
    }

    private List<String> runArgs(Path input, Path output, String endpoint, String runId, String key)
            throws IOException {
        return new ArrayList<>(List.of(
                "run",
                "audio-transcription",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--transcription",
                "openai",
                "--transcription-endpoint",
                endpoint,
                "--partitions",
                "2",
                "--run-id",
                runId,
                "--work-dir",
                dir.resolve("wd").toString(),
                "--config",
                config(key).toString()));
    }

    @Test
    void aKeyTheBackendRefusesFailsTheRunWithExit78AndDeadLettersNothing() throws Exception {
        Path output = dir.resolve("out");
        CliRun cli = CliRun.of(runArgs(AUDIO, output, simulator.baseUrl(), "wrong-key", "not-the-key")
                .toArray(String[]::new));

        assertThat(cli.exit()).as(cli.err()).isEqualTo(ExitCodes.CONFIGURATION);
        String message = cli.err()
                .lines()
                .filter(l -> l.startsWith("aibatch: "))
                .findFirst()
                .orElseThrow();
        assertThat(message)
                .contains("HTTP 401")
                .contains(simulator.baseUrl())
                .contains("OPENAI_API_KEY")
                .doesNotContain("not-the-key");
        assertThat(cli.out() + cli.err())
                .as("an expected fault is reported quietly")
                .doesNotContain(" ERROR ")
                .doesNotContain("\tat ");
        RunOutput run = RunOutput.read(output);
        assertThat(run.deadLetters())
                .as("no item is dead-lettered for a configuration error")
                .isEmpty();
        assertThat(run.results()).isEmpty();
        assertThat(run.report().get("status").asString()).isEqualTo("FAILED");
    }

    @Test
    void aComparisonWhoseProfileKeyTheBackendRefusesExitsWith78() throws Exception {
        Path config = dir.resolve("compare.yaml");
        Files.writeString(
                config,
                """
                aibatch:
                  transcription:
                    openai:
                      api-key: not-the-key
                  compare:
                    profiles:
                      a:
                        options: {transcription: openai, transcription-endpoint: "%1$s"}
                        pools: []
                      b:
                        options: {transcription: openai, transcription-endpoint: "%1$s"}
                        pools: []
                """
                        .formatted(simulator.baseUrl()));
        CliRun cli = CliRun.of(
                "compare",
                "audio-transcription",
                "--input",
                AUDIO.toString(),
                "--output",
                dir.resolve("cmp").toString(),
                "--profile",
                "a",
                "--profile",
                "b",
                "--partitions",
                "1",
                "--work-dir",
                dir.resolve("wd").toString(),
                "--config",
                config.toString());

        assertThat(cli.exit()).as(cli.out() + cli.err()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(cli.err())
                .contains("profile a:")
                .contains("HTTP 401")
                .doesNotContain("not-the-key")
                .doesNotContain("\tat ");
    }

    @Test
    void anEndpointNobodyListensOnFailsThePreflightWithTheCause() throws Exception {
        int port = freePort();
        Path output = dir.resolve("out");
        CliRun cli = CliRun.of(runArgs(AUDIO, output, "http://127.0.0.1:" + port, "unreachable", KEY)
                .toArray(String[]::new));

        assertThat(cli.exit()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(cli.err())
                .contains("--transcription-endpoint http://127.0.0.1:" + port)
                .contains("connection refused to 127.0.0.1:" + port)
                .doesNotContain("\tat ");
        assertThat(output.resolve("_manifest")).as("nothing was planned").doesNotExist();
    }

    @Test
    void aRunThatDeadLettersTooMuchFailsNamingTheCodesAndRestartWithAHigherRatioCompletes() throws Exception {
        Path input = dir.resolve("mostly-empty");
        Files.createDirectories(input);
        Path good = AUDIO.resolve("short-greeting.wav");
        for (int i = 0; i < 45; i++) {
            Files.createFile(input.resolve(String.format("empty-%02d.wav", i)));
        }
        for (int i = 0; i < 15; i++) {
            Files.copy(good, input.resolve(String.format("greeting-%02d.wav", i)));
        }
        Path output = dir.resolve("out");
        CliRun first = CliRun.of(
                runArgs(input, output, simulator.baseUrl(), "too-many", KEY).toArray(String[]::new));

        assertThat(first.exit()).as(first.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(first.err())
                .contains("dead-lettered")
                .contains("--max-dead-letter-ratio 0.5")
                .contains("top codes: empty-file");

        CliRun restart = CliRun.of(
                "restart",
                "--run-id",
                "too-many",
                "--max-dead-letter-ratio",
                "0.9",
                "--work-dir",
                dir.resolve("wd").toString(),
                "--config",
                config(KEY).toString());
        assertThat(restart.exit()).as(restart.err()).isZero();
        RunOutput run = RunOutput.read(output);
        assertThat(run.results()).hasSize(15);
        assertThat(run.deadLetters())
                .hasSize(45)
                .allSatisfy(d -> assertThat(d.get("code").asString()).isEqualTo("empty-file"));
        assertThat(run.occurrencesBySource()).hasSize(60).allSatisfy((source, count) -> assertThat(count)
                .isOne());
    }

    @Test
    void aStoppedRunWithSlicesLeftStartedIsRecoveredByRestart() throws Exception {
        Path output = dir.resolve("out");
        assertThat(CliRun.of(runArgs(AUDIO, output, simulator.baseUrl(), "left-started", "not-the-key")
                                .toArray(String[]::new))
                        .exit())
                .isEqualTo(ExitCodes.CONFIGURATION);
        // what SIGTERM during an outage or an evicted worker pod leaves: the run STOPPED, a slice still STARTED
        try (Connection db = DriverManager.getConnection(
                        "jdbc:h2:file:" + dir.resolve("wd").toAbsolutePath().resolve("jobrepository"), "sa", "");
                Statement sql = db.createStatement()) {
            sql.executeUpdate(
                    "UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL WHERE STEP_NAME LIKE 'worker:%'");
            sql.executeUpdate("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STOPPED'");
        }

        CliRun restart = restart("left-started");

        assertThat(restart.exit()).as(restart.err()).isZero();
        RunOutput run = RunOutput.read(output);
        assertThat(run.results()).hasSize(SampleData.files(AUDIO).size());
        assertThat(run.deadLetters()).isEmpty();
    }

    @Test
    void sigtermWhileCallsArePausedByAnOutageStopsWithinTheGracePeriodAndRestartCompletes() throws Exception {
        int port = freePort();
        Path output = dir.resolve("out");
        Path log = dir.resolve("first.log");
        List<String> args = runArgs(AUDIO, output, "http://127.0.0.1:" + port, "outage", KEY);
        args.add("--skip-preflight");
        Process first = cliProcess(log, args);
        try {
            waitFor(log, "calls paused", Duration.ofMinutes(2));
            assertThat(Files.readString(log)).contains("127.0.0.1:" + port);
            Instant signalled = Instant.now();
            first.destroy(); // SIGTERM
            assertThat(first.waitFor(60, TimeUnit.SECONDS))
                    .as("stopped within the grace period")
                    .isTrue();
            assertThat(Duration.between(signalled, Instant.now())).isLessThan(Duration.ofSeconds(30));
        } finally {
            first.destroyForcibly();
        }
        assertThat(output.resolve("report.json"))
                .as("the report is written on SIGTERM too:\n%s", Files.readString(log))
                .exists();
        assertThat(RunOutput.read(output).deadLetters())
                .as("nothing dead-lettered for an outage")
                .isEmpty();
        assertThat(Files.readString(log))
                .as("quiet: the outage is one WARN")
                .doesNotContain(" ERROR ")
                .doesNotContain("\tat ");

        restartOnceTheBackendIsBackAndExpectEveryItemOnce(port, output, "outage");
    }

    @Test
    void anOutageLongerThanMaxOutageFailsTheRunWithOneLineSayingSoAndRestartCompletes() throws Exception {
        int port = freePort();
        Path output = dir.resolve("out");
        Path log = dir.resolve("first.log");
        List<String> args = runArgs(AUDIO, output, "http://127.0.0.1:" + port, "long-outage", KEY);
        args.add("--skip-preflight");
        Process first = cliProcess(log, args, "-Daibatch.backends.defaults.max-outage=3s");
        try {
            assertThat(first.waitFor(2, TimeUnit.MINUTES)).as("ended").isTrue();
        } finally {
            first.destroyForcibly();
        }
        String printed = Files.readString(log);
        assertThat(first.exitValue()).as(printed).isEqualTo(ExitCodes.FAILED);
        assertThat(printed)
                .as("one line with the cause and what to do, not Spring Batch's wrapper")
                .contains("aibatch: backend ")
                .contains("has been failing for")
                .contains("restart the run")
                .doesNotContain("FatalStepExecutionException")
                .doesNotContain(" ERROR ")
                .doesNotContain("\tat ");
        assertThat(RunOutput.read(output).deadLetters())
                .as("nothing dead-lettered for an outage")
                .isEmpty();
        CliRun status = CliRun.of(
                "status",
                "--run-id",
                "long-outage",
                "--work-dir",
                dir.resolve("wd").toString());
        assertThat(status.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(status.out())
                .as("status says why, later")
                .contains("status FAILED")
                .containsPattern("failed: backend \\S+ has been failing for \\d+ s");

        restartOnceTheBackendIsBackAndExpectEveryItemOnce(port, output, "long-outage");
    }

    @Test
    void aSecondProcessOnALockedWorkDirGetsOneLineNamingTheHolder() throws Exception {
        Path log = dir.resolve("holder.log");
        List<String> args = runArgs(AUDIO, dir.resolve("out"), "http://127.0.0.1:" + freePort(), "holder", KEY);
        args.add("--skip-preflight");
        Process holder = cliProcess(log, args);
        try {
            waitFor(log, "calls paused", Duration.ofMinutes(2));
            CliRun second = CliRun.of("status", "--work-dir", dir.resolve("wd").toString());

            assertThat(second.exit()).isEqualTo(ExitCodes.FAILED);
            assertThat(second.err().lines().collect(Collectors.toList()))
                    .hasSize(1)
                    .first()
                    .asString()
                    .contains("is in use by another aibatch process")
                    .contains("pid " + holder.pid());
        } finally {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void onASharedRepositoryRestartRefusesALiveRunAndRecoversItOnceItsProcessIsKilled() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String repository = postgres.getJdbcUrl("postgres", "postgres");
            int port = freePort();
            Path output = dir.resolve("out");
            Path config = dir.resolve("heartbeat.yaml");
            Files.writeString(
                    config,
                    "aibatch:\n  heartbeat:\n    interval: 200ms\n    lapse: 3s\n"
                            + "  transcription:\n    openai:\n      api-key: " + KEY + "\n");
            List<String> shared =
                    List.of("--job-repository", repository, "--config", config.toString(), "--skip-preflight");
            List<String> args = new ArrayList<>(List.of(
                    "run",
                    "audio-transcription",
                    "--input",
                    AUDIO.toString(),
                    "--output",
                    output.toString(),
                    "--transcription",
                    "openai",
                    "--transcription-endpoint",
                    "http://127.0.0.1:" + port,
                    "--partitions",
                    "2",
                    "--run-id",
                    "shared",
                    "--work-dir",
                    dir.resolve("wd-first").toString()));
            args.addAll(shared);
            Path log = dir.resolve("first.log");
            Process first = cliProcess(log, args);
            try {
                waitFor(log, "calls paused", Duration.ofMinutes(2));
                List<String> restart = new ArrayList<>(List.of(
                        "restart",
                        "--run-id",
                        "shared",
                        "--work-dir",
                        dir.resolve("wd-restart").toString()));
                restart.addAll(shared);

                CliRun refused = CliRun.of(restart.toArray(String[]::new));
                assertThat(refused.exit())
                        .as("the run is alive in another process")
                        .isEqualTo(ExitCodes.FAILED);
                assertThat(refused.err())
                        .contains("run shared is still running")
                        .contains(first.pid() + "@")
                        .contains("--force");

                first.destroyForcibly(); // kill -9: its heartbeat stops, its execution stays STARTED
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
                try (Simulator back = Simulator.start(config().withPort(port), KEY)) {
                    CliRun recovered = CliRun.of(restart.toArray(String[]::new));
                    assertThat(recovered.exit()).as(recovered.err()).isZero();
                    assertThat(recovered.out()).contains("waiting up to 3 s for them to lapse");
                }
            } finally {
                first.destroyForcibly();
            }
            RunOutput run = RunOutput.read(output);
            assertThat(run.results()).hasSize(SampleData.files(AUDIO).size());
            assertThat(run.occurrencesBySource())
                    .allSatisfy((source, count) -> assertThat(count).isOne());
        }
    }

    /** {@code restart --run-id runId} with the right key, in this JVM. */
    private CliRun restart(String runId) throws IOException {
        return CliRun.of(
                "restart",
                "--run-id",
                runId,
                "--work-dir",
                dir.resolve("wd").toString(),
                "--config",
                config(KEY).toString());
    }

    /** The simulator back on {@code port}; restart completes the run with every sample once. */
    private void restartOnceTheBackendIsBackAndExpectEveryItemOnce(int port, Path output, String runId)
            throws Exception {
        try (Simulator back = Simulator.start(config().withPort(port), KEY)) {
            CliRun restart = restart(runId);
            assertThat(restart.exit()).as(restart.err()).isZero();
        }
        RunOutput run = RunOutput.read(output);
        assertThat(run.results()).hasSize(SampleData.files(AUDIO).size());
        assertThat(run.occurrencesBySource())
                .allSatisfy((source, count) -> assertThat(count).isOne());
    }

    /** The CLI in its own JVM, with this test's classpath; a small breaker window, so that the breaker opens before an item uses up its attempts. */
    private static Process cliProcess(Path log, List<String> arguments, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daibatch.backends.defaults.breaker-window=8"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.aibatch.cli.AibatchCommand"));
        command.addAll(arguments);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static void waitFor(Path log, String text, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!(Files.exists(log) && Files.readString(log).contains(text))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("'" + text + "' not logged within " + timeout + ":\n"
                        + (Files.exists(log) ? Files.readString(log) : ""));
            }
            Thread.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
