package io.aibatch.runtime;

import io.aibatch.blob.BlobClients;
import io.aibatch.blob.BlobLocation;
import io.aibatch.k8s.IndexedJobClient;
import io.aibatch.pipeline.BudgetedItemHandler;
import io.aibatch.pipeline.InFlightBytes;
import io.aibatch.pipeline.ItemHandler;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.pipeline.PipelinedItemReader;
import io.aibatch.plan.ManifestPartitioner;
import io.aibatch.plan.PlanTasklet;
import io.aibatch.plan.Slice;
import io.aibatch.plan.SliceContext;
import io.aibatch.report.SliceCounters;
import io.aibatch.report.SliceStats;
import io.aibatch.routing.ClearedItems;
import io.aibatch.runtime.incremental.WatermarkStore;
import io.aibatch.runtime.incremental.WatermarkTasklet;
import io.aibatch.runtime.kubernetes.KubernetesPartitionHandler;
import io.aibatch.runtime.kubernetes.NodePoolSampler;
import io.aibatch.runtime.partition.ProcessPartitionHandler;
import io.aibatch.runtime.partition.SliceWorker;
import io.aibatch.sink.ChunkOutputWriter;
import io.aibatch.source.ItemSource;
import io.aibatch.source.SourceFilter;
import io.aibatch.store.Locations;
import io.aibatch.store.OutputStore;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.util.unit.DataSize;

/**
 * The steps every job shares. The step-scoped reader and writer are built for each slice's
 * StepExecution from what it carries (job parameters, slice bounds), which is what lets a slice run
 * in this JVM, in another process or in a pod.
 */
@Configuration(proxyBeanMethods = false)
class RunStepsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RunStepsConfiguration.class);

    @Bean
    WatermarkStore watermarkStore(DataSource dataSource, PlatformTransactionManager transactionManager) {
        return new WatermarkStore(new JdbcTemplate(dataSource), transactionManager);
    }

    @Bean
    RunSelections runSelections(WatermarkStore watermarkStore, AibatchProperties properties) {
        return new RunSelections(watermarkStore, properties.incremental());
    }

    @Bean
    Step planStep(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            AibatchProperties properties,
            RunSelections runSelections,
            List<Pipeline> pipelines,
            EngineFactories engineFactories) {
        return new StepBuilder(RunJobFactory.PLAN_STEP, jobRepository)
                .tasklet(
                        (contribution, chunkContext) -> {
                            RunParameters run = RunParameters.from(chunkContext
                                    .getStepContext()
                                    .getStepExecution()
                                    .getJobParameters());
                            if (BlobLocation.isUrl(run.input()) || BlobLocation.isUrl(run.output())) {
                                log.info("Blob Storage credentials: {}", BlobClients.credentialMode());
                            }
                            if (!run.sourceFilter().equals(SourceFilter.none())) {
                                log.info(
                                        "listing filter: {}", run.sourceFilter().describe());
                            }
                            OutputStore files = Locations.output(run.files());
                            ItemSource source = pipeline(
                                            pipelines,
                                            chunkContext.getStepContext().getJobName())
                                    .source(run, properties.source().options(run.sourceFilter()));
                            String cleared = run.option(RunParameters.CLEARED_ITEMS);
                            if (cleared != null) {
                                // a comparison's cloud profile: only what its in-cluster profile found unrestricted
                                source = ClearedItems.read(Locations.output(cleared))
                                        .filter(source);
                                log.info("listing only cleared items: {}", source.describe());
                            }
                            RunSelections.Planning planning = runSelections.forPlanning(
                                    chunkContext.getStepContext().getJobName(), run, source);
                            RepeatStatus status = new PlanTasklet(planning.source(), files, run.partitions())
                                    .execute(contribution, chunkContext);
                            planning.planned().accept(files);
                            return status;
                        },
                        transactionManager)
                .listener(new RunFailures(engineFactories)) // e.g. duplicate ids found while listing: exit 65
                .build();
    }

    /** After every slice ended: the whole run's dead-letter ratio against --max-dead-letter-ratio. */
    @Bean
    Step deadLetterCheckStep(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            @Value("${aibatch.max-dead-letter-ratio:0.5}") double configured,
            EngineFactories engineFactories) {
        return new StepBuilder(RunJobFactory.DEAD_LETTER_CHECK_STEP, jobRepository)
                .tasklet(DeadLetterThreshold.finalCheck(jobRepository, configured), transactionManager)
                .listener(new RunFailures(engineFactories))
                .build();
    }

    /** Last step of every run: stores an incremental run's watermark once every slice completed (no-op otherwise). */
    @Bean
    Step watermarkStep(
            JobRepository jobRepository, PlatformTransactionManager transactionManager, WatermarkStore watermarkStore) {
        return new StepBuilder(RunJobFactory.WATERMARK_STEP, jobRepository)
                .tasklet(new WatermarkTasklet(watermarkStore), transactionManager)
                .build();
    }

    @Bean
    @Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
    Partitioner manifestPartitioner(@Value("#{jobExecutionContext['" + PlanTasklet.PLAN_KEY + "']}") String plan) {
        return new ManifestPartitioner(PlanTasklet.parse(plan));
    }

    /**
     * The slice's statistics (backend calls, items over time): observer of every backend call the slice's handler
     * makes, saved into the slice's ExecutionContext at each commit.
     */
    @Bean
    @StepScope
    SliceStats sliceStats(@Value("#{stepExecution}") StepExecution stepExecution) {
        RunParameters run = RunParameters.from(stepExecution.getJobParameters());
        return new SliceStats(io.aibatch.report.WarmUp.forExecution(
                stepExecution.getJobExecutionId(),
                run.option(io.aibatch.report.WarmUp.ITEMS_OPTION),
                run.option(io.aibatch.report.WarmUp.SECONDS_OPTION),
                System.currentTimeMillis()));
    }

    /** The JVM's budget for item content in flight, shared by all slices running here. */
    @Bean
    InFlightBytes inFlightBytes(@Value("${aibatch.max-in-flight-bytes:0}") DataSize maxInFlightBytes) {
        InFlightBytes budget = InFlightBytes.ofSetting(maxInFlightBytes.toBytes());
        log.debug("in-flight content budget: {} bytes", budget.capacity());
        return budget;
    }

    @Bean
    @StepScope
    PipelinedItemReader sliceReader(
            @Value("#{stepExecution}") StepExecution stepExecution,
            List<Pipeline> pipelines,
            AibatchProperties properties,
            SliceStats sliceStats,
            @Value("${aibatch.item-timeout:10m}") Duration itemTimeout,
            InFlightBytes inFlightBytes,
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager)
            throws IOException {
        RunParameters run = RunParameters.from(stepExecution.getJobParameters());
        Slice slice = SliceContext.fromContext(stepExecution.getExecutionContext());
        String jobName = stepExecution.getJobExecution().getJobInstance().getJobName();
        Pipeline pipeline = pipeline(pipelines, jobName);
        OutputStore store = Locations.output(run.files());
        ItemHandler handler = pipeline.handler(
                pipeline.source(run, properties.source().options(run.sourceFilter())), run, sliceStats.observer());
        return new PipelinedItemReader(
                store,
                PlanTasklet.MANIFEST,
                slice,
                new BudgetedItemHandler(handler, inFlightBytes),
                properties.window(),
                itemTimeout,
                saveNow(stepExecution, jobRepository, transactionManager));
    }

    /**
     * Saves the slice's ExecutionContext at once, in a transaction of its own (the chunk's transaction may be open):
     * the reader records that it is running, and which suspect it is trying alone, so that a process death is found.
     */
    static Runnable saveNow(
            StepExecution stepExecution, JobRepository jobRepository, PlatformTransactionManager transactionManager) {
        TransactionTemplate separate = new TransactionTemplate(transactionManager);
        separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return () -> separate.executeWithoutResult(status -> jobRepository.updateExecutionContext(stepExecution));
    }

    /** The slice's writer: its chunks' outputs, and its items waiting for a cloud batch under {@code pending/}. */
    @Bean
    @StepScope
    DeferringWriter sliceWriter(@Value("#{stepExecution}") StepExecution stepExecution, ResultSinks resultSinks)
            throws IOException {
        RunParameters run = RunParameters.from(stepExecution.getJobParameters());
        Slice slice = SliceContext.fromContext(stepExecution.getExecutionContext());
        OutputStore files = Locations.output(run.files());
        return new DeferringWriter(
                new ChunkOutputWriter(files, resultSinks.forRun(run, files), slice, new SliceCounters()),
                files,
                slice,
                CloudBatch.enabled(run));
    }

    /** {@code --cloud-llm-mode batch}: a slice that read and wrote all its items creates its batches. */
    @Bean
    BatchSubmission batchSubmission(
            CloudBatch cloudBatch,
            AibatchProperties properties,
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager) {
        return new BatchSubmission(
                cloudBatch,
                step -> saveNow(step, jobRepository, transactionManager),
                properties.workDirectory().resolve("cloud-batch"));
    }

    /** After the slices: waits for their cloud batches and writes the items that waited (no-op in realtime mode). */
    @Bean
    Step collectStep(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            AibatchProperties properties,
            CloudBatch cloudBatch,
            ChatEngines chatEngines,
            BackendExecutors backendExecutors,
            ResultSinks resultSinks,
            BatchSubmission batchSubmission,
            EngineFactories engineFactories) {
        return new StepBuilder(RunJobFactory.COLLECT_STEP, jobRepository)
                .tasklet(
                        new BatchCollectTasklet(
                                jobRepository,
                                cloudBatch,
                                chatEngines,
                                backendExecutors,
                                resultSinks,
                                step -> saveNow(step, jobRepository, transactionManager),
                                batchSubmission,
                                properties.chunkSize()),
                        transactionManager)
                .listener(new RunFailures(engineFactories))
                .build();
    }

    /** The run's tolerated dead-letter ratio: {@code --max-dead-letter-ratio}, else {@code aibatch.max-dead-letter-ratio}. */
    @Bean
    @StepScope
    DeadLetterThreshold deadLetterThreshold(
            @Value("#{stepExecution}") StepExecution stepExecution,
            JobRepository jobRepository,
            @Value("${aibatch.max-dead-letter-ratio:0.5}") double configured,
            EngineFactories engineFactories) {
        RunParameters run = RunParameters.from(stepExecution.getJobParameters());
        return new DeadLetterThreshold(stepExecution, jobRepository, DeadLetterThreshold.ratio(run, configured));
    }

    @Bean
    Step workerStep(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            AibatchProperties properties,
            PipelinedItemReader sliceReader,
            DeferringWriter sliceWriter,
            BatchSubmission batchSubmission,
            SliceStats sliceStats,
            BudgetGuard budgetGuard,
            DeadLetterThreshold deadLetterThreshold,
            EngineFactories engineFactories) {
        return new StepBuilder(RunJobFactory.WORKER_STEP, jobRepository)
                .<ItemOutcome, ItemOutcome>chunk(properties.chunkSize()).reader(sliceReader).writer(sliceWriter).stream(
                                sliceStats)
                        .stream(deadLetterThreshold)
                        .listener((ItemWriteListener<ItemOutcome>) sliceStats)
                        .listener(budgetGuard.afterEachChunk())
                        .listener((ItemWriteListener<ItemOutcome>) deadLetterThreshold)
                        .listener(new RunFailures(engineFactories))
                        .listener(batchSubmission)
                        .transactionManager(transactionManager)
                        .build();
    }

    @Bean
    PartitionHandler threadsPartitionHandler(Step workerStep, AibatchProperties properties) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("slice-");
        executor.setConcurrencyLimit(properties.partitionThreads());
        TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
        handler.setStep(workerStep);
        handler.setTaskExecutor(executor);
        handler.setGridSize(properties.partitions());
        return handler;
    }

    @Bean
    ProcessPartitionHandler processesPartitionHandler(
            JobRepository jobRepository,
            AibatchProperties properties,
            @Value("${aibatch.worker-arguments:}") List<String> workerArguments,
            @Value("${spring.datasource.url}") String repositoryUrl) {
        return new ProcessPartitionHandler(
                jobRepository,
                run -> {
                    if (repositoryUrl.startsWith("jdbc:h2:file:")) {
                        throw new IllegalArgumentException(
                                "--partition-handler processes needs a job repository that several processes can share, "
                                        + "e.g. --job-repository jdbc:postgresql://host:5432/aibatch; the embedded H2 repository is locked by this process");
                    }
                    return workerArguments;
                },
                properties.workDirectory().resolve("logs"),
                properties.maxRestartsPerSlice(),
                ExitCodes.CONFIGURATION);
    }

    /** The Kubernetes client is built on first use (kubeconfig, in-cluster service account or system properties). */
    @Bean
    KubernetesPartitionHandler kubernetesPartitionHandler(
            JobRepository jobRepository,
            AibatchProperties properties,
            @Value("${spring.datasource.url}") String repositoryUrl) {
        Supplier<IndexedJobClient> client = SingletonSupplier.of(IndexedJobClient::ofCluster);
        return new KubernetesPartitionHandler(jobRepository, client, properties.kubernetes(), run -> {
            if (repositoryUrl.startsWith("jdbc:h2:")) {
                throw new IllegalArgumentException(
                        "--partition-handler kubernetes needs a job repository the pods can reach, "
                                + "e.g. --job-repository jdbc:postgresql://aibatch-db:5432/aibatch");
            }
            // pods get credentials from the repository Secret and write only to /tmp (read-only root file system)
            return List.of("--job-repository", repositoryUrl, "--work-dir", "/tmp/aibatch");
        });
    }

    @Bean
    RunPartitionHandler runPartitionHandler(
            PartitionHandler threadsPartitionHandler,
            ProcessPartitionHandler processesPartitionHandler,
            KubernetesPartitionHandler kubernetesPartitionHandler) {
        return new RunPartitionHandler(Map.of(
                "threads",
                threadsPartitionHandler,
                "processes",
                processesPartitionHandler,
                "kubernetes",
                kubernetesPartitionHandler));
    }

    @Bean
    Step processStep(
            JobRepository jobRepository, Partitioner manifestPartitioner, RunPartitionHandler runPartitionHandler) {
        return new StepBuilder(RunJobFactory.PROCESS_STEP, jobRepository)
                .partitioner(RunJobFactory.WORKER_STEP, manifestPartitioner)
                .partitionHandler(runPartitionHandler)
                .build();
    }

    @Bean
    ComparisonRunner comparisonRunner(
            RunLauncher runLauncher,
            List<Pipeline> pipelines,
            AibatchProperties properties,
            JobDefinitions jobDefinitions) {
        return new ComparisonRunner(runLauncher, pipelines, properties, jobDefinitions);
    }

    /** The jobs' static definitions (their options), as the command line sees them. */
    @Bean
    JobDefinitions jobDefinitions() {
        return JobDefinitions.onClassPath();
    }

    @Bean
    RunCosts runCosts(AibatchProperties properties, List<Pipeline> pipelines) {
        return new RunCosts(properties.cost(), pipelines);
    }

    /** The Kubernetes client is built only when sampling is on (kubeconfig or in-cluster service account). */
    @Bean
    NodePoolSampler nodePoolSampler(AibatchProperties properties) {
        return NodePoolSampler.ofCluster(properties.cost().sample(), System::currentTimeMillis);
    }

    @Bean
    RunMonitor runMonitor(AibatchProperties properties, BackendExecutors backendExecutors) {
        return new RunMonitor(properties.metrics(), properties.progress(), backendExecutors);
    }

    @Bean
    RunReportListener runReportListener(
            JobRepository jobRepository,
            RunCosts runCosts,
            NodePoolSampler nodePoolSampler,
            RunMonitor runMonitor,
            BudgetGuard budgetGuard) {
        return new RunReportListener(
                jobRepository, RunJobFactory.WORKER_STEP, runCosts, nodePoolSampler, runMonitor, budgetGuard);
    }

    /**
     * --budget-usd: after a stop request a slice may still complete its window and the rest of its chunk, and it may
     * commit another chunk before the next check sees its last one (BudgetTest measured both).
     */
    @Bean
    BudgetGuard budgetGuard(JobOperator jobOperator, AibatchProperties properties) {
        return new BudgetGuard(jobOperator, properties.window() + 2 * properties.chunkSize(), 500);
    }

    @Bean
    GracefulShutdown gracefulShutdown(
            JobOperator jobOperator,
            JobRepository jobRepository,
            AibatchProperties properties,
            BackendExecutors backendExecutors) {
        return new GracefulShutdown(jobOperator, jobRepository, properties.shutdownGrace(), () -> backendExecutors
                .all()
                .forEach(io.aibatch.resilience.BackendExecutor::stop));
    }

    /** Proof of life of this process for every run it works on, so that {@code restart} elsewhere can tell. */
    @Bean
    Heartbeats heartbeats(
            DataSource dataSource,
            @Value("${aibatch.heartbeat.interval:5s}") java.time.Duration interval,
            @Value("${aibatch.heartbeat.lapse:20s}") java.time.Duration lapse,
            @Value("${spring.datasource.url}") String repositoryUrl) {
        return new Heartbeats(new JdbcTemplate(dataSource), interval, lapse)
                .exclusive(repositoryUrl.startsWith("jdbc:h2:file:"));
    }

    @Bean
    RunJobFactory runJobFactory(
            JobRepository jobRepository,
            Step planStep,
            Step processStep,
            Step collectStep,
            Step deadLetterCheckStep,
            Step watermarkStep,
            RunReportListener runReportListener,
            GracefulShutdown gracefulShutdown,
            Heartbeats heartbeats) {
        return new RunJobFactory(
                jobRepository,
                planStep,
                processStep,
                collectStep,
                deadLetterCheckStep,
                watermarkStep,
                runReportListener,
                gracefulShutdown,
                heartbeats);
    }

    @Bean
    SliceWorker sliceWorker(RunLauncher runLauncher, JobRepository jobRepository, Step workerStep) {
        return new SliceWorker(runLauncher, jobRepository, workerStep);
    }

    private static Pipeline pipeline(List<Pipeline> pipelines, String jobName) {
        Pipeline pipeline = byJobName(pipelines).get(jobName);
        if (pipeline == null) {
            throw new IllegalStateException("no pipeline is defined for job " + jobName);
        }
        return pipeline;
    }

    private static Map<String, Pipeline> byJobName(List<Pipeline> pipelines) {
        return pipelines.stream().collect(Collectors.toMap(Pipeline::jobName, Function.identity()));
    }
}
