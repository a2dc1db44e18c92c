package io.aibatch.bench;

import io.aibatch.resilience.BackendExecutor;
import io.aibatch.resilience.BackendPolicy;
import io.aibatch.resilience.CallOutcome;
import io.aibatch.simulator.Backend;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.SimulatorConfig;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLongArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code adaptive}: a backend whose real capacity (48 slots; 429 with Retry-After above it, like Azure OpenAI) is not
 * configured. The adaptive limit starts low; a steady backlog of work keeps it busy for {@code --seconds}. Reports
 * how long it took to reach 90% of the backend's capacity (successful calls per second, 2-second average) and the
 * share of throttled calls after that.
 */
@Command(
        name = "adaptive",
        description = "Time for the adaptive limit to find an unconfigured capacity, and throttling after.")
final class AdaptiveBench implements Callable<Integer> {

    @Option(names = "--slots", defaultValue = "48")
    int slots;

    @Option(names = "--mean-ms", defaultValue = "200")
    long meanMs;

    @Option(names = "--seconds", defaultValue = "60")
    int seconds;

    @Option(
            names = "--initial",
            defaultValue = "4",
            description = "Starting concurrency limit (default ${DEFAULT-VALUE}).")
    int initial;

    @Override
    public Integer call() throws Exception {
        SimulatorConfig config = SimulatorConfig.defaults().withBackend(Backend.AZURE_OPENAI, b -> b.withSlots(slots)
                .withQueueLimit(0)
                .withServiceTime(meanMs, 0)
                .withJitterSigma(0.3)
                .withTokensPerMinute(1_000_000_000L));
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4))
                .build();
        try (Simulator simulator = Simulator.start(config)) {
            ChatBackendCall call = ChatBackendCall.azureOpenAi(http, simulator.baseUrl());
            BackendExecutor executor = new BackendExecutor(
                    BackendPolicy.adaptiveDefaults("azure-openai")
                            .withConcurrency(true, initial, 1, 512)
                            .withTimeouts(Duration.ofSeconds(30), 50, Duration.ofMillis(50), Duration.ofSeconds(2)),
                    scheduler);
            AtomicLongArray successes = new AtomicLongArray(seconds + 1);
            AtomicLongArray throttled = new AtomicLongArray(seconds + 1);
            AtomicLongArray attempts = new AtomicLongArray(seconds + 1);
            long start = System.nanoTime();
            // the backlog: always 4 × slots items waiting or in flight, so the limit, not the supply, decides
            Semaphore backlog = new Semaphore(4 * slots);
            long deadline = start + Duration.ofSeconds(seconds).toNanos();
            while (System.nanoTime() < deadline) {
                backlog.acquire();
                executor.execute(call::send, (backend, latency, outcome, attempt) -> {
                            int second = (int) Math.min(seconds, (System.nanoTime() - start) / 1_000_000_000L);
                            attempts.incrementAndGet(second);
                            if (outcome == CallOutcome.SUCCESS) {
                                successes.incrementAndGet(second);
                            } else if (outcome == CallOutcome.THROTTLED) {
                                throttled.incrementAndGet(second);
                            }
                        })
                        .whenComplete((status, error) -> backlog.release());
            }
            double capacity = slots * 1000.0 / meanMs;
            int reached = -1;
            for (int second = 1; second < seconds; second++) {
                double average = (successes.get(second) + successes.get(second - 1)) / 2.0;
                if (average >= 0.9 * capacity) {
                    reached = second + 1;
                    break;
                }
            }
            long throttledAfter = 0;
            long attemptsAfter = 0;
            for (int second = Math.max(reached, 0); second < seconds; second++) {
                throttledAfter += throttled.get(second);
                attemptsAfter += attempts.get(second);
            }
            long successesAfter = 0;
            for (int second = Math.max(reached, 0); second < seconds; second++) {
                successesAfter += successes.get(second);
            }
            int measuredSeconds = seconds - Math.max(reached, 0);
            System.out.println(new BenchResult("adaptive")
                    .put("capacitySlots", slots)
                    .put("secondsTo90", reached)
                    .put(
                            "throttledShare",
                            String.format(
                                    java.util.Locale.ROOT,
                                    "%.4f",
                                    attemptsAfter == 0 ? 0.0 : (double) throttledAfter / attemptsAfter))
                    .put(
                            "throughputShareAfter",
                            measuredSeconds <= 0 ? 0.0 : successesAfter / (double) measuredSeconds / capacity)
                    .put("finalLimit", executor.limit())
                    .line());
        } finally {
            scheduler.shutdownNow();
        }
        return 0;
    }
}
