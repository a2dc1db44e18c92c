package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.cli.AibatchCommand;
import io.aibatch.simulator.Backend;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.SimulatorConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Slices in separate worker processes sharing a PostgreSQL job repository: workers killed with
 * SIGKILL are restarted the way Kubernetes' backoffLimitPerIndex would, and resume their slice; the
 * run ends with every item exactly once.
 */
class ProcessPartitionsTest {

    private static EmbeddedPostgres postgres;
    private static Simulator simulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        simulator = Simulator.start(SimulatorConfig.defaults().withBackend(Backend.READ, b -> b.withSlots(64)
                .withQueueLimit(-1)
                .withServiceTime(250, 0)
                .withJitterSigma(0.3)));
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close();
        postgres.close();
    }

    /**
     * One repository for every run of this class, as in production: Spring Batch keys step scopes by execution id,
     * so two repositories in one JVM would hand out the same ids twice.
     */
    private static String repositoryUrl(String unused) {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    private Path config(int maxRestarts) throws IOException {
        Path config = dir.resolve("workers.yaml");
        Files.writeString(
                config,
                """
                aibatch:
                  document:
                    enrichment: false   # these tests are about partitions and crashes; enrichment has its own tests
                  chunk-size: 5
                  window: 8
                  max-restarts-per-slice: %d
                  ocr:
                    poll-interval: 50ms
                  backends:
                    read-container:
                      adaptive: false
                      initial-concurrency: 4
                """
                        .formatted(maxRestarts));
        return config;
    }

    @Test
    void workersKilledTwentyTimesStillProduceEveryItemExactlyOnce() throws Exception {
        Path input = TestInputs.tinyScans(dir.resolve("in"), 1200);
        Path output = dir.resolve("out");
        String url = repositoryUrl("killtest");
        String runId = "kill-20";
        String config = config(60).toString();
        CompletableFuture<Integer> manager = CompletableFuture.supplyAsync(
                () -> AibatchCommand.execute(
                        "run",
                        "document-pipeline",
                        "--input",
                        input.toString(),
                        "--output",
                        output.toString(),
                        "--partitions",
                        "4",
                        "--run-id",
                        runId,
                        "--partition-handler",
                        "processes",
                        "--ocr",
                        "read-container",
                        "--ocr-endpoint",
                        simulator.baseUrl(),
                        "--job-repository",
                        url,
                        "--work-dir",
                        dir.resolve("wd").toString(),
                        "--config",
                        config),
                runnable -> new Thread(runnable, "manager").start());

        Random schedule = new Random(20261126L);
        int kills = 0;
        while (kills < 20 && !manager.isDone()) {
            Thread.sleep(800 + schedule.nextInt(1700));
            List<ProcessHandle> workers = workersOf(runId);
            if (workers.isEmpty()) {
                continue;
            }
            ProcessHandle victim = workers.get(schedule.nextInt(workers.size()));
            if (victim.destroyForcibly()) { // SIGKILL
                kills++;
            }
        }
        int exit = manager.get(5, TimeUnit.MINUTES);

        assertThat(kills).as("kills before the run ended").isEqualTo(20);
        assertThat(exit).isZero();
        RunOutput run = RunOutput.read(output);
        assertThat(run.occurrencesBySource())
                .hasSize(1200)
                .allSatisfy((source, count) -> assertThat(count).as(source).isOne());
        JsonNode report = run.report();
        assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(report.at("/items/read").asLong()).isEqualTo(1200);
        assertThat(report.at("/items/written").asLong()
                        + report.at("/items/deadLettered").asLong())
                .isEqualTo(1200);
        System.out.printf(
                "survived %d kill -9 of worker processes; %d items exactly once%n",
                kills, run.occurrencesBySource().size());
    }

    @Test
    void sixteenConcurrentSlicesShareOneRepositoryWithoutLockingFailures() throws Exception {
        Path input = TestInputs.tinyScans(dir.resolve("in16"), 800);
        Path output = dir.resolve("out16");
        Path config = dir.resolve("sixteen.yaml");
        Files.writeString(
                config,
                """
                aibatch:
                  document:
                    enrichment: false
                  chunk-size: 2
                  partition-threads: 16
                  backends:
                    read-container: { adaptive: false, initial-concurrency: 64 }
                """);
        int exit = AibatchCommand.execute(
                "run",
                "document-pipeline",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--partitions",
                "16",
                "--ocr",
                "read-container",
                "--ocr-endpoint",
                simulator.baseUrl(),
                "--job-repository",
                repositoryUrl("sixteen"),
                "--work-dir",
                dir.resolve("wd16").toString(),
                "--config",
                config.toString());
        assertThat(exit).isZero();
        RunOutput run = RunOutput.read(output);
        assertThat(run.occurrencesBySource()).hasSize(800).allSatisfy((source, count) -> assertThat(count)
                .isOne());
        assertThat(run.report().withArray("slices"))
                .hasSize(16)
                .allSatisfy(slice -> assertThat(slice.get("status").asString()).isEqualTo("COMPLETED"));
    }

    @Test
    void sigtermStopsTheRunAfterTheCurrentChunkAndRestartCompletesIt() throws Exception {
        Path input = TestInputs.tinyScans(dir.resolve("in-term"), 400);
        Path output = dir.resolve("out-term");
        String url = repositoryUrl("sigterm");
        List<String> common = List.of(
                "--job-repository",
                url,
                "--work-dir",
                dir.resolve("wd-term").toString(),
                "--config",
                config(3).toString());
        List<String> run = new ArrayList<>(List.of(
                "run",
                "document-pipeline",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--partitions",
                "2",
                "--run-id",
                "term",
                "--ocr",
                "read-container",
                "--ocr-endpoint",
                simulator.baseUrl()));
        run.addAll(common);
        Process manager = cli(dir.resolve("term.log"), run);
        waitForResultLines(output, 20, manager, dir.resolve("term.log"));
        manager.destroy(); // SIGTERM
        assertThat(manager.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(manager.exitValue())
                .as(Files.readString(dir.resolve("term.log")))
                .isNotZero();
        assertThat(jobStatus(url, "term")).isEqualTo("STOPPED");
        assertThat(RunOutput.read(output).report().get("status").asString()).isEqualTo("STOPPED");

        List<String> restart = new ArrayList<>(List.of("restart", "--run-id", "term"));
        restart.addAll(common);
        assertThat(AibatchCommand.execute(restart.toArray(String[]::new))).isZero();
        RunOutput finished = RunOutput.read(output);
        assertThat(finished.occurrencesBySource()).hasSize(400).allSatisfy((source, count) -> assertThat(count)
                .isOne());
        assertThat(finished.report().get("status").asString()).isEqualTo("COMPLETED");
    }

    private static List<ProcessHandle> workersOf(String runId) {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p ->
                        commandLine(p).contains(" worker ") && commandLine(p).contains(runId))
                .toList();
    }

    /** From /proc: ProcessHandle.Info may leave the arguments out. */
    private static String commandLine(ProcessHandle process) {
        try {
            return " "
                    + Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline"))
                            .replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }

    private static String jobStatus(String url, String runId) throws Exception {
        try (Connection connection = java.sql.DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        """
                     select e.status from batch_job_execution e join batch_job_execution_params p on p.job_execution_id = e.job_execution_id
                     where p.parameter_name = 'runId' and p.parameter_value = '%s' order by e.job_execution_id desc"""
                                .formatted(runId))) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static Process cli(Path log, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.aibatch.cli.AibatchCommand"));
        command.addAll(arguments);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static void waitForResultLines(Path output, int atLeast, Process process, Path log) throws Exception {
        for (int i = 0; i < 1200; i++) {
            if (!process.isAlive()) {
                throw new AssertionError("the run ended early:\n" + Files.readString(log));
            }
            try {
                if (RunOutput.read(output).results().size() >= atLeast) {
                    return;
                }
            } catch (IOException replacedWhileListing) {
                // look again
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + atLeast + " results within 2 minutes");
    }
}
