package io.aibatch.runtime;

import io.aibatch.engine.llm.batch.AzureOpenAiBatchClient;
import io.aibatch.engine.llm.batch.BatchInputFile;
import io.aibatch.engine.llm.batch.BatchStatus;
import io.aibatch.plan.Slice;
import io.aibatch.plan.SliceContext;
import io.aibatch.store.Locations;
import io.aibatch.store.OutputStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * When a slice has read and written all its items ({@code --cloud-llm-mode batch}): its pending items' requests go to
 * JSONL files (custom_id = item id, split at the per-file limits), each is uploaded, its input file id saved in the
 * slice's context, then the batch created and its id saved (see {@link SliceBatches}). A failure (upload, quota back-off
 * used up) fails the slice: {@code restart} runs it again, and it re-attaches to what it already created.
 */
final class BatchSubmission implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(BatchSubmission.class);

    /** Saves a slice's ExecutionContext at once, in a transaction of its own. */
    @FunctionalInterface
    interface ContextSaver {
        Runnable forStep(StepExecution step);
    }

    private final CloudBatch cloudBatch;
    private final ContextSaver saver;
    private final Path workDir;

    BatchSubmission(CloudBatch cloudBatch, ContextSaver saver, Path workDir) {
        this.cloudBatch = cloudBatch;
        this.saver = saver;
        this.workDir = workDir;
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        if (step.getStatus() != org.springframework.batch.core.BatchStatus.COMPLETED) {
            return null; // a stopped or failed slice submits when it completes, after its restart
        }
        RunParameters run = RunParameters.from(step.getJobParameters());
        if (!CloudBatch.enabled(run)) {
            return null;
        }
        try {
            submit(step, run);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(step, e);
        } catch (Exception e) {
            return failed(step, e);
        }
    }

    private static ExitStatus failed(StepExecution step, Exception e) {
        log.warn(
                "{}: its cloud batches could not be submitted, the slice failed (restart resumes): {}",
                step.getStepName(),
                e.toString());
        step.setStatus(org.springframework.batch.core.BatchStatus.FAILED);
        step.addFailureException(e);
        return ExitStatus.FAILED.addExitDescription(e);
    }

    /**
     * Creates the slice's batches, or re-attaches to those it recorded. Also called by the collect step for a slice whose
     * process died during this listener after the slice was already saved COMPLETED (it is not run again).
     */
    void submit(StepExecution step, RunParameters run) throws Exception {
        ExecutionContext context = step.getExecutionContext();
        SliceBatches recorded = new SliceBatches(context);
        if (recorded.submitted()) {
            return;
        }
        Slice slice = SliceContext.fromContext(context);
        OutputStore files = Locations.output(run.files());
        List<PendingItems.Entry> pending = PendingItems.read(files, slice.name() + "-");
        Runnable save = saver.forStep(step);
        if (pending.isEmpty()) {
            context.putInt(SliceBatches.FILES, 0);
            save.run();
            return;
        }
        AzureOpenAiBatchClient client = cloudBatch.client(run);
        Files.createDirectories(workDir);
        Path dir = Files.createTempDirectory(workDir, "cloud-batch-");
        try {
            // the same items in the same order give the same files: a restart re-attaches file by file
            List<BatchInputFile> inputs = client.writeInputFiles(
                    pending.stream()
                            .map(e ->
                                    new AzureOpenAiBatchClient.Request(e.item().id(), e.prompt()))
                            .toList(),
                    dir,
                    slice.name());
            for (int n = 0; n < inputs.size(); n++) {
                if (recorded.id(n) != null) {
                    continue;
                }
                context.putInt(
                        SliceBatches.requestsKey(n), inputs.get(n).customIds().size());
                String fileId = recorded.inputFile(n);
                if (fileId != null) {
                    Optional<BatchStatus> found = client.findByInputFile(fileId);
                    if (found.isPresent()) {
                        log.info(
                                "{}: re-attached to batch {} of input file {}",
                                slice.name(),
                                found.get().id(),
                                fileId);
                        context.putString(SliceBatches.idKey(n), found.get().id());
                        save.run();
                        continue;
                    }
                } else {
                    fileId = client.upload(inputs.get(n));
                    context.putString(SliceBatches.inputFileKey(n), fileId);
                    save.run(); // before create: a process killed in between finds its batch, never makes a second
                }
                client.awaitProcessed(fileId);
                BatchStatus created =
                        client.create(fileId, Map.of("aibatch-run", run.runId(), "aibatch-slice", slice.name()));
                context.putString(SliceBatches.idKey(n), created.id());
                save.run();
                log.info(
                        "{}: batch {} created for {} requests (input file {})",
                        slice.name(),
                        created.id(),
                        inputs.get(n).customIds().size(),
                        fileId);
            }
            context.putInt(SliceBatches.FILES, inputs.size());
            save.run();
        } finally {
            try (Stream<Path> leftovers = Files.walk(dir)) {
                leftovers.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile()
                        .delete());
            } catch (IOException ignored) {
                // temporary files only
            }
        }
    }
}
