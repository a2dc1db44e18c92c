package io.aibatch.bench;

import io.aibatch.item.WorkItem;
import io.aibatch.plan.ManifestReader;
import io.aibatch.store.LocalOutputStore;
import java.util.concurrent.Callable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code overhead}: what the framework costs per item with a no-op engine. aibatch: one slice with the pipelined
 * reader over the manifest, chunks of 100 checkpointed in an H2 file job repository; baseline: a bare Spring Batch
 * chunk step reading the same manifest with ResourcelessJobRepository. Both drop their chunks (no sink), so the
 * ratio is the framework's own cost; {@code withSinkPerSecond} adds the JSONL chunk files for reference.
 */
@Command(
        name = "overhead",
        description = "Items/s of the framework with a no-op engine vs a bare Spring Batch chunk step.")
final class OverheadBench implements Callable<Integer> {

    @Option(names = "--items", defaultValue = "300000")
    long items;

    @Option(names = "--chunk", defaultValue = "100")
    int chunk;

    @Option(names = "--window", defaultValue = "256")
    int window;

    @Override
    public Integer call() throws Exception {
        SliceRun slices = new SliceRun(SliceRun.temporaryDirectory("overhead"));
        LocalOutputStore store = slices.manifest("noop", items);
        // warm up both paths (JIT): the per-chunk code (checkpoint, JDBC, H2) runs once per 100 items, so it takes a
        // few full runs before it is compiled; then alternate the paths three times and keep each one's best run:
        // the machine is shared, and interleaving spreads its noise over both
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            slices.run(store, items, Handlers.noOp(), chunk, window, false);
            bare(store, items);
        }
        double aibatch = 0;
        double baseline = 0;
        for (int round = 0; round < 3; round++) {
            aibatch = Math.max(aibatch, slices.run(store, items, Handlers.noOp(), chunk, window, false));
            baseline = Math.max(baseline, bare(store, items));
        }
        double withSink = slices.run(slices.manifest("sink", items), items, Handlers.noOp(), chunk, window, true);
        System.out.println(new BenchResult("overhead")
                .put("items", items)
                .put("itemsPerSecond", Math.round(aibatch))
                .put("baselinePerSecond", Math.round(baseline))
                .put("ratio", aibatch / baseline)
                .put("withSinkPerSecond", Math.round(withSink))
                .line());
        return 0;
    }

    /** A bare chunk step: the same manifest read item by item, chunks dropped, nothing persisted. */
    private double bare(LocalOutputStore store, long count) throws Exception {
        JobRepository repository = new ResourcelessJobRepository();
        ManifestReader manifest = new ManifestReader(store.open("manifest.jsonl", 0), 0);
        long[] read = {0};
        ItemReader<WorkItem> reader = () -> read[0]++ < count ? manifest.next() : null;
        Step step = new StepBuilder("bare", repository)
                .<WorkItem, WorkItem>chunk(chunk)
                .reader(reader)
                .writer(items -> {})
                .transactionManager(new ResourcelessTransactionManager())
                .build();
        JobParameters parameters =
                new JobParametersBuilder().addLong("n", System.nanoTime()).toJobParameters();
        JobInstance instance = repository.createJobInstance("bare", parameters);
        JobExecution job = repository.createJobExecution(instance, parameters, new ExecutionContext());
        StepExecution execution = repository.createStepExecution("bare", job);
        long started = System.nanoTime();
        step.execute(execution);
        double seconds = (System.nanoTime() - started) / 1e9;
        manifest.close();
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            throw new IllegalStateException("baseline step ended " + execution.getStatus());
        }
        return count / seconds;
    }
}
