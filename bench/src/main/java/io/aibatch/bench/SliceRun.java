package io.aibatch.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.aibatch.item.WorkItem;
import io.aibatch.pipeline.BudgetedItemHandler;
import io.aibatch.pipeline.InFlightBytes;
import io.aibatch.pipeline.ItemHandler;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.pipeline.PipelinedItemReader;
import io.aibatch.plan.ManifestWriter;
import io.aibatch.plan.Slice;
import io.aibatch.report.SliceCounters;
import io.aibatch.sink.ChunkOutputWriter;
import io.aibatch.store.LocalOutputStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One slice exactly as a job runs it: manifest → {@link PipelinedItemReader} (items in flight through the
 * handler) → chunk-oriented step with checkpoints in an H2 file job repository → {@link ChunkOutputWriter}
 * (JSONL chunk files), timed from the first read to the last commit.
 */
final class SliceRun {

    private final Path directory;
    private final JobRepository repository;
    private final DataSourceTransactionManager transactions;
    private int runs;

    SliceRun(Path directory) throws Exception {
        this.directory = directory;
        // as the application does: a pooled H2 file database with synchronous commits
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:file:" + directory.resolve("jobrepository") + ";WRITE_DELAY=0");
        dataSource.setUsername("sa");
        dataSource.setMaximumPoolSize(4);
        new ResourceDatabasePopulator(new ClassPathResource("org/springframework/batch/core/schema-h2.sql"))
                .execute(dataSource);
        this.transactions = new DataSourceTransactionManager(dataSource);
        JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
        factory.setDataSource(dataSource);
        factory.setTransactionManager(transactions);
        factory.afterPropertiesSet();
        this.repository = factory.getObject();
    }

    JobRepository repository() {
        return repository;
    }

    DataSourceTransactionManager transactions() {
        return transactions;
    }

    /** Writes a manifest of {@code items} synthetic items and returns the store holding it. */
    LocalOutputStore manifest(String name, long items) throws IOException {
        LocalOutputStore store = new LocalOutputStore(directory.resolve(name));
        try (ManifestWriter writer = new ManifestWriter(store.create("manifest.jsonl"))) {
            for (long i = 0; i < items; i++) {
                writer.append(WorkItem.of("bench://" + name + "/item-" + i, "item-" + i, 1000, Instant.EPOCH, null));
            }
        }
        return store;
    }

    /**
     * Runs the slice and returns items per second.
     *
     * @param withSink true: the real JSONL chunk writer; false: a writer that drops the chunk (framework cost only)
     */
    double run(LocalOutputStore store, long items, ItemHandler handler, int chunkSize, int window, boolean withSink)
            throws Exception {
        Slice slice = new Slice(0, 0, items, 0, items * 1000);
        JobParameters parameters = new JobParametersBuilder()
                .addString("run", "bench-" + (++runs) + "-" + System.nanoTime())
                .toJobParameters();
        JobInstance instance = repository.createJobInstance("bench", parameters);
        JobExecution job = repository.createJobExecution(instance, parameters, new ExecutionContext());
        StepExecution execution = repository.createStepExecution("bench-slice", job);
        // as the jobs wire it: the JVM's in-flight byte budget around the handler, and the reader's own saves of
        // the slice context (when it opens and closes) in a transaction of their own
        TransactionTemplate separate = new TransactionTemplate(transactions);
        separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        PipelinedItemReader reader = new PipelinedItemReader(
                store,
                "manifest.jsonl",
                slice,
                new BudgetedItemHandler(handler, InFlightBytes.ofSetting(0)),
                window,
                PipelinedItemReader.DEFAULT_ITEM_TIMEOUT,
                () -> separate.executeWithoutResult(status -> repository.updateExecutionContext(execution)));
        ItemWriter<ItemOutcome> writer =
                withSink ? new ChunkOutputWriter(store, slice, new SliceCounters()) : chunk -> {};
        var builder = new StepBuilder("bench-slice", repository)
                .<ItemOutcome, ItemOutcome>chunk(chunkSize)
                .reader(reader)
                .writer(writer)
                .transactionManager(transactions);
        if (writer instanceof ChunkOutputWriter stream) {
            builder.stream(stream);
        }
        Step step = builder.build();
        long started = System.nanoTime();
        step.execute(execution);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (execution.getStatus() != BatchStatus.COMPLETED || execution.getWriteCount() != items) {
            throw new IllegalStateException("the slice ended " + execution.getStatus() + " after writing "
                    + execution.getWriteCount() + " of " + items + " items: " + execution.getFailureExceptions());
        }
        return items / seconds;
    }

    static Path temporaryDirectory(String name) throws IOException {
        return Files.createTempDirectory("aibatch-bench-" + name);
    }
}
