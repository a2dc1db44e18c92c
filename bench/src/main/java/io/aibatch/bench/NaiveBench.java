package io.aibatch.bench;

import io.aibatch.item.WorkItem;
import io.aibatch.plan.ManifestReader;
import io.aibatch.resilience.BackendExecutor;
import io.aibatch.resilience.BackendPolicy;
import io.aibatch.resilience.CallObserver;
import io.aibatch.simulator.Backend;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.SimulatorConfig;
import io.aibatch.store.LocalOutputStore;
import java.net.http.HttpClient;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code naive}: for reference, what a plain sequential Spring Batch chunk step gets from the same backend (the
 * processor calls it and waits, one item at a time), next to aibatch at the backend's concurrency.
 */
@Command(name = "naive", description = "A sequential Spring Batch chunk step calling the backend, next to aibatch.")
final class NaiveBench implements Callable<Integer> {

    @Option(names = "--slots", defaultValue = "32")
    int slots;

    @Option(names = "--items", defaultValue = "100")
    int items;

    @Option(names = "--mean-ms", defaultValue = "200")
    long meanMs;

    @Override
    public Integer call() throws Exception {
        SimulatorConfig config = SimulatorConfig.defaults().withBackend(Backend.VLLM, b -> b.withSlots(slots)
                .withServiceTime(meanMs, 0)
                .withJitterSigma(0.70));
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (Simulator simulator = Simulator.start(config)) {
            ChatBackendCall call = ChatBackendCall.vllm(
                    http, simulator.baseUrl(), config.backend(Backend.VLLM).model());
            SliceRun slices = new SliceRun(SliceRun.temporaryDirectory("naive"));
            LocalOutputStore store = slices.manifest("naive", items);
            double naive = sequential(slices, store, call);
            long aibatchItems = (long) slots * 40;
            BackendExecutor executor = new BackendExecutor(BackendPolicy.fixed("vllm", slots), scheduler);
            double aibatch = slices.run(
                    slices.manifest("aibatch", aibatchItems),
                    aibatchItems,
                    Handlers.backend(executor, call, CallObserver.NONE),
                    100,
                    8 * slots,
                    true);
            System.out.println(new BenchResult("naive")
                    .put("slots", slots)
                    .put("naivePerSecond", naive)
                    .put("aibatchPerSecond", aibatch)
                    .put("speedup", aibatch / naive)
                    .line());
        } finally {
            scheduler.shutdownNow();
        }
        return 0;
    }

    /** Reader → processor that calls the backend and waits → writer that drops the chunk; checkpoints in H2. */
    private double sequential(SliceRun slices, LocalOutputStore store, ChatBackendCall call) throws Exception {
        ManifestReader manifest = new ManifestReader(store.open("manifest.jsonl", 0), 0);
        ItemReader<WorkItem> reader = manifest::next;
        Step step = new StepBuilder("naive", slices.repository())
                .<WorkItem, Integer>chunk(100)
                .reader(reader)
                .processor(item -> call.send().join())
                .writer(chunk -> {})
                .transactionManager(slices.transactions())
                .build();
        JobParameters parameters =
                new JobParametersBuilder().addLong("n", System.nanoTime()).toJobParameters();
        JobInstance instance = slices.repository().createJobInstance("naive", parameters);
        JobExecution job = slices.repository().createJobExecution(instance, parameters, new ExecutionContext());
        StepExecution execution = slices.repository().createStepExecution("naive", job);
        long started = System.nanoTime();
        step.execute(execution);
        double seconds = (System.nanoTime() - started) / 1e9;
        manifest.close();
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            throw new IllegalStateException(
                    "naive step ended " + execution.getStatus() + ": " + execution.getFailureExceptions());
        }
        return items / seconds;
    }
}
