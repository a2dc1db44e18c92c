package io.aibatch.jobs;

import io.aibatch.pipeline.ItemHandler;
import io.aibatch.resilience.CallObserver;
import io.aibatch.source.ItemSource;

/**
 * What makes one job different from another: how a single item is handled. Listing, planning,
 * partitioning, checkpointing, output and reporting are shared by every job.
 */
public interface Pipeline {

    /** The job name used on the command line, e.g. {@code document-pipeline}. */
    String jobName();

    /**
     * A handler for one slice of a run reading from {@code source}; every backend call it makes is reported to
     * {@code observer} (the slice's statistics).
     */
    ItemHandler handler(ItemSource source, RunParameters run, CallObserver observer);

    /** Rejects a run whose options cannot work, before anything is planned. */
    default void validate(RunParameters run) {
    }
}
