package io.aibatch.runtime;

import io.aibatch.engine.llm.batch.AzureOpenAiBatchClient;
import io.aibatch.engine.llm.batch.BatchStatus;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * The cloud batches a run of {@code --cloud-llm-mode batch} left open, and cancelling them when an operator gives the
 * run up ({@code abandon}, {@code k8s cancel}): nobody would collect their results, but the service would still run
 * (and bill) them. The batches are those recorded in the slices' contexts ({@link SliceBatches}); a slice with an input
 * file and no batch id (killed between create and save) is looked up by its input file, as a restart would.
 */
public final class OpenBatches {

    private final JobRepository jobRepository;
    private final CloudBatch cloudBatch;

    public OpenBatches(JobRepository jobRepository, CloudBatch cloudBatch) {
        this.jobRepository = jobRepository;
        this.cloudBatch = cloudBatch;
    }

    /** What {@link #cancel} did: the batches asked to cancel, and those left open because a call failed. */
    public record Cancelled(List<String> cancelled, List<String> leftOpen) {}

    /**
     * Cancels every recorded batch of the run that is not terminal, one line per batch on {@code out}; when calls fail
     * (endpoint unreachable, refused) one warning line on {@code err} names the batches left open. Never throws for a
     * failed call: the caller's cancellation of the run goes on.
     */
    public Cancelled cancel(JobExecution last, PrintStream out, PrintStream err) {
        RunParameters run = RunParameters.from(last.getJobParameters());
        String runId = run.runId();
        if (!CloudBatch.enabled(run)) {
            return new Cancelled(List.of(), List.of());
        }
        List<String> cancelled = new ArrayList<>();
        List<String> leftOpen = new ArrayList<>();
        String failure = null;
        AzureOpenAiBatchClient client = null;
        for (StepExecution slice : latestSlices(last)) {
            SliceBatches batches = new SliceBatches(slice.getExecutionContext());
            if (batches.collected()) {
                continue; // every batch of the slice was terminal when it was collected
            }
            for (int n = 0; batches.inputFile(n) != null; n++) {
                String id = batches.id(n);
                String what = id != null ? id : "the batch of input file " + batches.inputFile(n);
                try {
                    if (client == null) {
                        client = cloudBatch.client(run);
                    }
                    BatchStatus status =
                            id != null ? client.status(id) : found(client.findByInputFile(batches.inputFile(n)));
                    if (status == null || status.state().terminal()) {
                        continue;
                    }
                    BatchStatus after = client.cancel(status.id());
                    cancelled.add(status.id());
                    out.printf(
                            "run %s: batch %s (%s) %s%n",
                            runId,
                            status.id(),
                            slice.getStepName(),
                            after.state().name().toLowerCase(Locale.ROOT));
                } catch (RuntimeException e) {
                    leftOpen.add(what);
                    failure = failure != null ? failure : String.valueOf(e.getMessage());
                }
            }
        }
        if (!leftOpen.isEmpty()) {
            err.printf(
                    "aibatch: warning: run %s: could not cancel %d cloud batch(es), left open: %s (%s); they run to the"
                            + " end of their 24 h window unless cancelled in the Azure OpenAI resource%n",
                    runId, leftOpen.size(), String.join(", ", leftOpen), failure);
        }
        return new Cancelled(cancelled, leftOpen);
    }

    private static @Nullable BatchStatus found(Optional<BatchStatus> batch) {
        return batch.orElse(null);
    }

    private List<StepExecution> latestSlices(JobExecution last) {
        return SliceBatches.latestSlices(jobRepository.getJobExecutions(last.getJobInstance()));
    }
}
