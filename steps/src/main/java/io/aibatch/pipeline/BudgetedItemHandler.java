package io.aibatch.pipeline;

import io.aibatch.item.WorkItem;
import java.util.concurrent.CompletableFuture;

/**
 * Starts an item only once its size is reserved in the JVM's {@link InFlightBytes} budget, and returns the
 * reservation when the item is done: with many slices and wide windows, downloads wait for memory instead of
 * allocating it.
 */
public final class BudgetedItemHandler implements ItemHandler {

    private final ItemHandler handler;
    private final InFlightBytes budget;

    public BudgetedItemHandler(ItemHandler handler, InFlightBytes budget) {
        this.handler = handler;
        this.budget = budget;
    }

    @Override
    public CompletableFuture<ItemOutcome> handle(WorkItem item) {
        long bytes = item.size();
        CompletableFuture<Void> reserved = budget.acquire(bytes);
        CompletableFuture<ItemOutcome> outcome = reserved.thenCompose(granted -> {
            CompletableFuture<ItemOutcome> handled;
            try {
                handled = handler.handle(item);
            } catch (RuntimeException | Error e) {
                budget.release(bytes);
                throw e;
            }
            return handled.whenComplete((done, failure) -> budget.release(bytes));
        });
        // an item abandoned while it still waits (slice closed) gives up its place in the queue
        outcome.whenComplete((done, failure) -> {
            if (outcome.isCancelled()) {
                reserved.cancel(false);
            }
        });
        return outcome;
    }

    @Override
    public void close() throws java.io.IOException {
        handler.close();
    }
}
