package io.aibatch.bench;

import io.aibatch.resilience.BackendExecutor;
import io.aibatch.resilience.BackendPolicy;
import io.aibatch.resilience.CallObserver;
import io.aibatch.simulator.Backend;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.SimulatorConfig;
import io.aibatch.store.LocalOutputStore;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code saturation}: does aibatch keep a backend with C slots as busy as a bare asynchronous HTTP loop holding C
 * requests in flight? The backend is the simulator's vLLM endpoint with C slots and lognormal service times
 * (mean 200 ms, sigma 0.70, so p99 ≈ 4 × mean). aibatch runs one real slice: manifest, pipelined reader, fixed
 * concurrency C through the backend executor, chunks of 100 committed to an H2 file repository, JSONL chunk files.
 * ratio = aibatch items/s ÷ raw loop requests/s, both measured in this run (the raw loop before and after, averaged).
 */
@Command(name = "saturation", description = "aibatch throughput vs a raw async HTTP loop at the same concurrency.")
final class SaturationBench implements Callable<Integer> {

    @Option(names = "--concurrency", split = ",", defaultValue = "8,32,128")
    List<Integer> concurrencies;

    @Option(
            names = "--items-per-slot",
            defaultValue = "100",
            description = "Items per backend slot (default ${DEFAULT-VALUE}).")
    int itemsPerSlot;

    @Option(names = "--mean-ms", defaultValue = "200")
    long meanMs;

    @Option(names = "--sigma", defaultValue = "0.70", description = "Lognormal sigma; 0.70 gives p99 ≈ 4 × mean.")
    double sigma;

    @Option(names = "--chunk", defaultValue = "100")
    int chunk;

    @Override
    public Integer call() throws Exception {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4))
                .build();
        SliceRun slices = new SliceRun(SliceRun.temporaryDirectory("saturation"));
        for (int concurrency : concurrencies) {
            SimulatorConfig config = SimulatorConfig.defaults()
                    .withIdleTimeoutMs(600_000)
                    .withBackend(Backend.VLLM, b -> b.withSlots(concurrency)
                            .withServiceTime(meanMs, 0)
                            .withJitterSigma(sigma));
            try (Simulator simulator = Simulator.start(config)) {
                ChatBackendCall call = ChatBackendCall.vllm(
                        http, simulator.baseUrl(), config.backend(Backend.VLLM).model());
                long items = (long) concurrency * itemsPerSlot;
                RawLoop.run(call, concurrency, concurrency * 4L); // warm up connections and JIT
                double rawBefore = RawLoop.run(call, concurrency, items);
                BackendExecutor executor = new BackendExecutor(
                        BackendPolicy.fixed("vllm", concurrency)
                                .withTimeouts(Duration.ofSeconds(60), 3, Duration.ofMillis(50), Duration.ofSeconds(1)),
                        scheduler);
                LocalOutputStore store = slices.manifest("c" + concurrency, items);
                int window = Math.max(16 * concurrency, 2 * chunk);
                double aibatch = slices.run(
                        store, items, Handlers.backend(executor, call, CallObserver.NONE), chunk, window, true);
                double rawAfter = RawLoop.run(call, concurrency, items);
                double raw = (rawBefore + rawAfter) / 2;
                System.out.println(new BenchResult("saturation")
                        .put("concurrency", concurrency)
                        .put("items", items)
                        .put("rawPerSecond", raw)
                        .put("aibatchPerSecond", aibatch)
                        .put("ratio", aibatch / raw)
                        .put("window", window)
                        .line());
            }
        }
        scheduler.shutdownNow();
        return 0;
    }
}
