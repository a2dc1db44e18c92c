package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.aibatch.cli.AibatchCommand;
import io.aibatch.resilience.BackendExecutor;
import io.aibatch.resilience.CallObserver;
import io.aibatch.resilience.RateCaps;
import io.aibatch.simulator.Backend;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.SimulatorConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * {@code aibatch.backends.<name>.requests-per-minute} and {@code tokens-per-minute} are the run's caps: every worker JVM
 * of a processes or kubernetes run keeps to an even share, told how many there are by the partition handler.
 */
class BackendRateCapsShareTest {

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static Map<String, BackendSettings> bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bind("aibatch.backends", Bindable.mapOf(String.class, BackendSettings.class))
                .get();
    }

    @Test
    void eachWorkerJvmGetsItsShareOfTheConfiguredCaps() {
        Map<String, BackendSettings> settings = bind(Map.of(
                "aibatch.backends.gpt-4o-mini.requests-per-minute", "1000",
                "aibatch.backends.gpt-4o-mini.tokens-per-minute", "150000",
                "aibatch.backends.kaito.requests-per-minute", "10"));

        assertThat(new BackendExecutors(settings, scheduler)
                        .policy("gpt-4o-mini")
                        .rateCaps())
                .isEqualTo(new RateCaps(1000, 150_000));
        BackendExecutors fourWorkers = new BackendExecutors(settings, scheduler, 4);
        assertThat(fourWorkers.policy("gpt-4o-mini").rateCaps()).isEqualTo(new RateCaps(250, 37_500));
        assertThat(fourWorkers.forBackend("gpt-4o-mini").policy().rateCaps()).isEqualTo(new RateCaps(250, 37_500));
        // a model takes its family's settings; rounded down, at least 1
        assertThat(new BackendExecutors(settings, scheduler, 3)
                        .policy("kaito/phi-4-mini-instruct")
                        .rateCaps())
                .isEqualTo(new RateCaps(3, null));
        assertThat(new BackendExecutors(settings, scheduler, 64)
                        .policy("kaito/phi-4-mini-instruct")
                        .rateCaps())
                .isEqualTo(new RateCaps(1, null));
        assertThat(fourWorkers.policy("read-container").rateCaps()).isEqualTo(RateCaps.NONE);
    }

    @Test
    void twoWorkerJvmsTogetherKeepToTheRunsCap() throws Exception {
        // 1,200 a minute for the run, 2 JVMs: 600 each = 10 a second, 10 at once. 30 calls each need 2 s; had each
        // JVM taken the whole cap (20 a second, 20 at once) they would have needed 0.5 s
        Map<String, BackendSettings> settings =
                bind(Map.of("aibatch.backends.gpt-4o-mini.requests-per-minute", "1200"));
        long started = System.nanoTime();
        List<BackendExecutor> jvms = List.of(
                new BackendExecutors(settings, scheduler, 2).forBackend("gpt-4o-mini"),
                new BackendExecutors(settings, scheduler, 2).forBackend("gpt-4o-mini"));
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            for (BackendExecutor jvm : jvms) {
                calls.add(jvm.execute(() -> CompletableFuture.completedFuture("ok"), CallObserver.NONE));
            }
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(seconds).isGreaterThanOrEqualTo(2.0).isLessThan(10);
    }

    @Test
    void theHandlersEnvironmentVariableIsTheWorkerJvmsProperty() {
        // what the processes handler and the Indexed Job set on a worker, as the bean reads it
        SystemEnvironmentPropertySource environment =
                new SystemEnvironmentPropertySource("env", Map.of(RunInfrastructureConfiguration.WORKER_JVMS_ENV, "4"));
        assertThat(environment.getProperty(RunInfrastructureConfiguration.WORKER_JVMS))
                .isEqualTo("4");
    }

    @Test
    void aCapThatIsNotPositiveIsRefusedWithOneLineNamingTheKey() throws Exception {
        Throwable refused = catchThrowable(() -> bind(Map.of("aibatch.backends.gpt-4o-mini.tokens-per-minute", "-1")));
        assertThat(refused).isInstanceOf(BindException.class);
        assertThat(rootMessage(refused))
                .isEqualTo("tokens-per-minute must be a positive whole number (leave it unset for no cap), got -1");

        Path config = dir.resolve("caps.yaml");
        Files.writeString(
                config,
                """
                aibatch:
                  backends:
                    gpt-4o-mini:
                      requests-per-minute: 0
                """);
        CliRun cli = CliRun.of(
                "run",
                "document-pipeline",
                "--input",
                TestInputs.tinyScans(dir.resolve("in"), 1).toString(),
                "--output",
                dir.resolve("out").toString(),
                "--work-dir",
                dir.resolve("wd").toString(),
                "--config",
                config.toString());
        assertThat(cli.exit()).as(cli.out() + cli.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err().lines().filter(line -> !line.isBlank()))
                .as(cli.err())
                .singleElement()
                .asString()
                .startsWith("aibatch: invalid configuration under aibatch.backends.gpt-4o-mini: "
                        + "requests-per-minute must be a positive whole number (leave it unset for no cap), got 0");
    }

    @Test
    void aProcessesRunGivesEachWorkerHalfTheCapAndKeepsToIt() throws Exception {
        // 240 requests a minute for the run, 2 worker processes: 120 each = 2 a second, 2 at once. 24 documents, one
        // OCR request each, at least 12 in one slice: that slice's requests span at least (12 - 2) / 2 = 5 s
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                Simulator simulator = Simulator.start(SimulatorConfig.defaults()
                        .withBackend(Backend.READ, b -> b.withSlots(64).withServiceTime(50, 0)))) {
            Path config = dir.resolve("capped.yaml");
            Files.writeString(
                    config,
                    """
                    aibatch:
                      document:
                        enrichment: false
                      chunk-size: 4
                      ocr:
                        poll-interval: 50ms
                      backends:
                        read-container:
                          adaptive: false
                          initial-concurrency: 4
                          requests-per-minute: 240
                    """);
            Path output = dir.resolve("out");
            Path input = TestInputs.tinyScans(dir.resolve("in"), 24);
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(
                    () -> AibatchCommand.execute(
                            "run",
                            "document-pipeline",
                            "--input",
                            input.toString(),
                            "--output",
                            output.toString(),
                            "--partitions",
                            "2",
                            "--run-id",
                            "capped",
                            "--partition-handler",
                            "processes",
                            "--ocr",
                            "read-container",
                            "--ocr-endpoint",
                            simulator.baseUrl(),
                            "--job-repository",
                            postgres.getJdbcUrl("postgres", "postgres"),
                            "--work-dir",
                            dir.resolve("wd").toString(),
                            "--config",
                            config.toString()),
                    runnable -> new Thread(runnable, "manager").start());
            // the simulator's count of OCR requests, sampled: when the first and the last one arrived
            long firstRequest = 0;
            long lastRequest = 0;
            long seen = 0;
            while (!run.isDone()) {
                long requests = simulator.stats().get(Backend.READ).requests();
                long now = System.nanoTime();
                if (requests > 0 && firstRequest == 0) {
                    firstRequest = now;
                }
                if (requests > seen) {
                    seen = requests;
                    lastRequest = now;
                }
                Thread.sleep(50);
            }
            int exit = run.get();

            assertThat(exit).isZero();
            assertThat(RunOutput.read(output).occurrencesBySource()).hasSize(24);
            try (Stream<Path> logs = Files.list(dir.resolve("wd/logs/capped"))) {
                List<Path> workerLogs = logs.toList();
                assertThat(workerLogs).hasSize(2).allSatisfy(log -> assertThat(Files.readString(log))
                        .contains("backend read-container: rate caps of this JVM: requests-per-minute 120, "
                                + "tokens-per-minute none"));
            }
            double spanSeconds = (lastRequest - firstRequest) / 1e9;
            System.out.printf(
                    "2 worker processes, 240 requests/min for the run: %d OCR requests spanned %.1f s%n",
                    seen, spanSeconds);
            assertThat(seen).isGreaterThanOrEqualTo(24);
            assertThat(spanSeconds).isGreaterThanOrEqualTo(5.0 - 0.1);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
