package io.aibatch.pipeline;

import io.aibatch.item.WorkItem;
import java.util.concurrent.CompletableFuture;

/**
 * Takes one item through a job's engines. Handlers are asynchronous so that a slice keeps many
 * items in flight; a handler never completes exceptionally for a problem with the item itself (that
 * is a {@link ItemOutcome.DeadLettered}), only for a failure of the run (which must stop the step).
 */
public interface ItemHandler {

    CompletableFuture<ItemOutcome> handle(WorkItem item);

    /**
     * Releases what the handler keeps open for its slice (its source's open file); called once when the slice's reader
     * closes. Nothing by default.
     */
    default void close() throws java.io.IOException {}
}
