package io.aibatch.runtime;

import io.aibatch.engine.llm.ChatEngine;
import io.aibatch.engine.llm.batch.AzureOpenAiBatchClient;
import io.aibatch.engine.llm.batch.BatchLineResult;
import io.aibatch.engine.llm.batch.BatchState;
import io.aibatch.engine.llm.batch.BatchStatus;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.plan.Slice;
import io.aibatch.plan.SliceContext;
import io.aibatch.resilience.CallObserver;
import io.aibatch.resilience.CallsExhaustedException;
import io.aibatch.resilience.FailurePolicy;
import io.aibatch.resilience.ResilientChatEngine;
import io.aibatch.store.Locations;
import io.aibatch.store.OutputStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code collect} step of {@code --cloud-llm-mode batch}: after every slice ended, it waits for each slice's batches
 * (polling at {@code aibatch.cloud-llm.batch.poll-interval}), maps their output and error lines back to the pending
 * items by custom_id and writes them ({@link CollectedOutput}). A completed line becomes the item's field; a failed
 * line, or every item of a {@code failed} batch, is dead-lettered with the error; a request an expired or cancelled
 * batch never ran is sent again in real time ({@code --cloud-llm-batch-fallback realtime}) or dead-lettered
 * {@code batch-expired} ({@code none}); the finished lines of such a batch are kept. Only once the slice's context says
 * it was collected are the input, output and error files and the pending items deleted.
 * <p>
 * When batches are still open after {@code aibatch.cloud-llm.batch.max-wait} (or near the Job's deadline,
 * {@link CloudLlmBatch#collectWait()}) the step stops: the run ends STOPPED
 * (exit 3) with its batches recorded, and {@code restart} collects again (the other steps are done).
 */
final class BatchCollectTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(BatchCollectTasklet.class);

    static final String BATCH_EXPIRED = "batch-expired";
    static final String BATCH_FAILED = "batch-failed";
    static final String BATCH_REQUEST_FAILED = "batch-request-failed";

    private final JobRepository jobRepository;
    private final CloudBatch cloudBatch;
    private final ChatEngines chatEngines;
    private final BackendExecutors backends;
    private final ResultSinks resultSinks;
    private final BatchSubmission.ContextSaver saver;
    private final BatchSubmission submission;
    private final int chunkSize;

    BatchCollectTasklet(
            JobRepository jobRepository,
            CloudBatch cloudBatch,
            ChatEngines chatEngines,
            BackendExecutors backends,
            ResultSinks resultSinks,
            BatchSubmission.ContextSaver saver,
            BatchSubmission submission,
            int chunkSize) {
        this.jobRepository = jobRepository;
        this.cloudBatch = cloudBatch;
        this.chatEngines = chatEngines;
        this.backends = backends;
        this.resultSinks = resultSinks;
        this.saver = saver;
        this.submission = submission;
        this.chunkSize = chunkSize;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution own = chunkContext.getStepContext().getStepExecution();
        RunParameters run = RunParameters.from(own.getJobParameters());
        if (!CloudBatch.enabled(run)) {
            return RepeatStatus.FINISHED;
        }
        Duration wait = cloudBatch.settings().collectWait();
        long deadline = System.nanoTime() + wait.toNanos();
        OutputStore files = Locations.output(run.files());
        int open = 0;
        for (StepExecution slice : latestSlices(own.getJobExecution())) {
            SliceBatches batches = new SliceBatches(slice.getExecutionContext());
            if (!batches.submitted()) {
                // the process died while the slice, already saved COMPLETED, created its batches: finish (re-attach)
                submission.submit(slice, run);
                batches = new SliceBatches(slice.getExecutionContext());
            }
            if (!batches.collected()) {
                List<BatchStatus> terminal = await(run, batches, deadline);
                if (terminal == null) {
                    open++;
                    continue;
                }
                collect(run, files, slice, batches, terminal);
            }
            if (!batches.cleaned()) {
                clean(run, files, slice, batches);
            }
        }
        if (open > 0) {
            log.warn(
                    "collect: {} slice(s) still have open batches after {};"
                            + " the run stops (exit 3) with them recorded; 'restart' collects them",
                    open,
                    wait.equals(cloudBatch.settings().maxWait())
                            ? "aibatch.cloud-llm.batch.max-wait " + wait
                            : wait + " (aibatch.cloud-llm.batch.job-deadline "
                                    + cloudBatch.settings().jobDeadline() + " less "
                                    + CloudLlmBatch.DEADLINE_MARGIN.toMinutes()
                                    + " minutes, counted from the process start, came before max-wait)");
            own.setTerminateOnly(); // the step ends STOPPED, and with it the run
        }
        return RepeatStatus.FINISHED;
    }

    /** The slice's batches once every one is terminal, or null when one is still open at the deadline. */
    private @Nullable List<BatchStatus> await(RunParameters run, SliceBatches batches, long deadline)
            throws InterruptedException {
        AzureOpenAiBatchClient client = cloudBatch.client(run);
        List<BatchStatus> terminal = new ArrayList<>();
        for (int n = 0; n < batches.files(); n++) {
            long left = Math.max(0, deadline - System.nanoTime());
            BatchStatus status = client.awaitTerminal(batches.id(n), Duration.ofNanos(left));
            if (!status.state().terminal()) {
                return null;
            }
            terminal.add(status);
        }
        return terminal;
    }

    private void collect(
            RunParameters run, OutputStore files, StepExecution sliceStep, SliceBatches batches, List<BatchStatus> done)
            throws Exception {
        ExecutionContext context = sliceStep.getExecutionContext();
        Slice slice = SliceContext.fromContext(context);
        AzureOpenAiBatchClient client = cloudBatch.client(run);
        List<PendingItems.Entry> pending = PendingItems.read(files, slice.name() + "-");
        Map<String, BatchLineResult> lines = new HashMap<>();
        for (BatchStatus status : done) {
            lines.putAll(client.results(status));
        }
        boolean fallback = cloudBatch.fallsBackToRealtime(run);
        ChatEngine realtime = null;
        List<ItemOutcome> outcomes = new ArrayList<>();
        Map<Integer, CompletableFuture<ItemOutcome>> resent = new LinkedHashMap<>();
        int index = 0;
        for (int n = 0; n < done.size(); n++) {
            BatchStatus status = done.get(n);
            for (int i = 0; i < batches.requests(n) && index < pending.size(); i++, index++) {
                PendingItems.Entry entry = pending.get(index);
                BatchLineResult line = lines.get(entry.item().id());
                if (line != null && line.succeeded()) {
                    outcomes.add(entry.complete(line.reply(), client.name(), true));
                } else if (line != null && !line.notRun()) {
                    outcomes.add(new ItemOutcome.DeadLettered(
                            entry.item(),
                            BATCH_REQUEST_FAILED,
                            "the batched request failed in batch " + status.id() + ": HTTP " + line.statusCode() + " "
                                    + line.errorCode() + ": " + line.errorMessage(),
                            1));
                } else if (status.state() == BatchState.FAILED) {
                    outcomes.add(new ItemOutcome.DeadLettered(
                            entry.item(),
                            BATCH_FAILED,
                            "batch " + status.id() + " failed validation: " + String.join("; ", status.errors()),
                            1));
                } else if (fallback) {
                    // never run (expired, cancelled) or missing from the output: once more, in real time
                    if (realtime == null) {
                        realtime = realtime(run);
                    }
                    int at = outcomes.size();
                    outcomes.add(null);
                    resent.put(at, resend(realtime, entry));
                } else {
                    outcomes.add(new ItemOutcome.DeadLettered(
                            entry.item(),
                            BATCH_EXPIRED,
                            "batch " + status.id() + " ended "
                                    + status.state().name().toLowerCase(Locale.ROOT)
                                    + " before this request ran, and --cloud-llm-batch-fallback is none",
                            1));
                }
            }
        }
        if (!resent.isEmpty()) {
            log.info(
                    "{}: {} request(s) of expired or cancelled batches sent again in real time",
                    slice.name(),
                    resent.size());
        }
        for (Map.Entry<Integer, CompletableFuture<ItemOutcome>> r : resent.entrySet()) {
            outcomes.set(r.getKey(), r.getValue().join());
        }
        CollectedOutput.write(files, resultSinks.forRun(run, files), chunks(slice, outcomes), context);
        context.putString(SliceBatches.COLLECTED, "true");
        saver.forStep(sliceStep).run();
        log.info("{}: {} batched item(s) collected from {} batch(es)", slice.name(), outcomes.size(), done.size());
    }

    /** The collect step's outcomes in chunks, named after the slice and the position of their first pending item. */
    private Map<String, List<ItemOutcome>> chunks(Slice slice, List<ItemOutcome> outcomes) {
        Map<String, List<ItemOutcome>> chunks = new TreeMap<>();
        for (int start = 0; start < outcomes.size(); start += chunkSize) {
            chunks.put(
                    "%s%s-%012d.jsonl".formatted(CollectedOutput.PREFIX, slice.name(), start),
                    outcomes.subList(start, Math.min(outcomes.size(), start + chunkSize)));
        }
        return chunks;
    }

    private ChatEngine realtime(RunParameters run) {
        ChatEngine cloud = chatEngines.cloud(run);
        if (cloud == null) {
            throw new IllegalStateException("the real-time fallback of expired batches needs --cloud-llm-endpoint");
        }
        return new ResilientChatEngine(cloud, backends.forBackend(cloud.name()), CallObserver.NONE);
    }

    private static CompletableFuture<ItemOutcome> resend(ChatEngine engine, PendingItems.Entry entry) {
        return engine.complete(entry.prompt())
                .<ItemOutcome>thenApply(reply -> entry.complete(reply, engine.name(), false))
                .exceptionally(error -> {
                    Throwable cause = FailurePolicy.unwrap(error);
                    FailurePolicy.Decision decision = FailurePolicy.decide(cause);
                    if (decision == FailurePolicy.Decision.FATAL || decision == FailurePolicy.Decision.OUTAGE) {
                        FailurePolicy.deadLetterOrThrow(entry.item(), cause);
                    }
                    String kind = cause instanceof CallsExhaustedException exhausted
                            ? exhausted.lastFailure().kind().name()
                            : cause instanceof io.aibatch.engine.BackendException b
                                    ? b.kind().name()
                                    : "permanent";
                    return new ItemOutcome.DeadLettered(
                            entry.item(),
                            "enrichment-" + kind.toLowerCase(Locale.ROOT),
                            "the real-time fallback of a batched request failed: " + cause.getMessage(),
                            1);
                });
    }

    /** Deletes the slice's batch files and pending items: only after its results were committed. */
    private void clean(RunParameters run, OutputStore files, StepExecution sliceStep, SliceBatches batches)
            throws Exception {
        AzureOpenAiBatchClient client = cloudBatch.client(run);
        for (int n = 0; n < batches.files(); n++) {
            BatchStatus status = client.status(batches.id(n));
            for (String fileId : new String[] {status.inputFileId(), status.outputFileId(), status.errorFileId()}) {
                if (fileId != null && !fileId.isBlank()) {
                    client.deleteFile(fileId);
                }
            }
        }
        Slice slice = SliceContext.fromContext(sliceStep.getExecutionContext());
        PendingItems.deleteAll(files, slice.name() + "-");
        sliceStep.getExecutionContext().putString(SliceBatches.CLEANED, "true");
        saver.forStep(sliceStep).run();
    }

    /** Every slice's last StepExecution in any execution of this run (completed slices are not run again). */
    private List<StepExecution> latestSlices(JobExecution current) {
        return SliceBatches.latestSlices(jobRepository.getJobExecutions(current.getJobInstance()));
    }
}
