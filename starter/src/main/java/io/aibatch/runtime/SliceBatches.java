package io.aibatch.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Where a slice's ExecutionContext records its cloud batches ({@code --cloud-llm-mode batch}). File {@code n} (0-based)
 * of the slice's pending items, in manifest order, holds the next {@code cloudBatch.<n>.requests} of them. Its input
 * file id is saved before the batch is created, its batch id right after: a context with an input file and no batch id
 * was killed in between, and the batch is looked up by its input file ({@code findByInputFile}), never created twice.
 */
final class SliceBatches {

    static final String PREFIX = "cloudBatch.";
    /** How many batch files the slice has; present once every one of them has its batch. */
    static final String FILES = PREFIX + "files";
    /** The collect step wrote the slice's batched items and added them to its counters. */
    static final String COLLECTED = PREFIX + "collected";
    /** The collect step deleted the slice's input, output and error files and its pending items. */
    static final String CLEANED = PREFIX + "cleaned";

    private final ExecutionContext context;

    SliceBatches(ExecutionContext context) {
        this.context = context;
    }

    /**
     * The last execution of every slice across a run's executions: the one whose context is current (a restarted slice's
     * context carries its batches forward).
     */
    static List<StepExecution> latestSlices(Collection<JobExecution> executions) {
        Map<String, StepExecution> latest = new TreeMap<>();
        for (JobExecution execution : executions) {
            for (StepExecution step : execution.getStepExecutions()) {
                if (step.getStepName().startsWith(RunJobFactory.WORKER_STEP + ":")) {
                    latest.merge(step.getStepName(), step, (a, b) -> a.getId() > b.getId() ? a : b);
                }
            }
        }
        return new ArrayList<>(latest.values());
    }

    static String inputFileKey(int n) {
        return PREFIX + n + ".inputFile";
    }

    static String idKey(int n) {
        return PREFIX + n + ".id";
    }

    static String requestsKey(int n) {
        return PREFIX + n + ".requests";
    }

    /** Whether the slice recorded batches (all of them created). */
    boolean submitted() {
        return context.containsKey(FILES);
    }

    int files() {
        return context.getInt(FILES, 0);
    }

    @Nullable
    String inputFile(int n) {
        return context.containsKey(inputFileKey(n)) ? context.getString(inputFileKey(n)) : null;
    }

    @Nullable
    String id(int n) {
        return context.containsKey(idKey(n)) ? context.getString(idKey(n)) : null;
    }

    int requests(int n) {
        return context.getInt(requestsKey(n), 0);
    }

    boolean collected() {
        return "true".equals(context.containsKey(COLLECTED) ? context.getString(COLLECTED) : null);
    }

    boolean cleaned() {
        return "true".equals(context.containsKey(CLEANED) ? context.getString(CLEANED) : null);
    }
}
