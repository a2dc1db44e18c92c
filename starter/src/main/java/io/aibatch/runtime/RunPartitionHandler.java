package io.aibatch.runtime;

import java.util.Collection;
import java.util.Map;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.step.StepExecution;

/** Chooses, per run, where its slices execute: {@code --partition-handler threads | processes | kubernetes}. */
public final class RunPartitionHandler implements PartitionHandler {

    public static final String OPTION = "partition-handler";
    public static final String DEFAULT = "threads";

    private final Map<String, PartitionHandler> handlers;

    public RunPartitionHandler(Map<String, PartitionHandler> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    @Override
    public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution manager) throws Exception {
        String name = RunParameters.from(manager.getJobParameters()).option(OPTION, DEFAULT);
        return handler(name).handle(splitter, manager);
    }

    /**
     * Refuses a run its partition handler cannot serve (an unknown handler, worker processes or pods without a job
     * repository they can share) when the run is started, not after its plan, as a failed run with a stack trace.
     */
    public void check(RunParameters run) {
        if (handler(run.option(OPTION, DEFAULT)) instanceof Precondition precondition) {
            precondition.check(run);
        }
    }

    /** A partition handler that needs something of the run before it can take it. */
    public interface Precondition {
        /** @throws IllegalArgumentException saying what the run must change */
        void check(RunParameters run);
    }

    public PartitionHandler handler(String name) {
        PartitionHandler handler = handlers.get(name);
        if (handler == null) {
            throw new IllegalArgumentException(
                    "unknown --partition-handler '" + name + "'; available: " + String.join(", ", handlers.keySet()));
        }
        return handler;
    }
}
