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

    public PartitionHandler handler(String name) {
        PartitionHandler handler = handlers.get(name);
        if (handler == null) {
            throw new IllegalArgumentException(
                    "unknown --partition-handler '" + name + "'; available: " + String.join(", ", handlers.keySet()));
        }
        return handler;
    }
}
