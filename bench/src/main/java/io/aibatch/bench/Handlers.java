package io.aibatch.bench;

import io.aibatch.pipeline.ItemHandler;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.pipeline.Units;
import io.aibatch.resilience.BackendExecutor;
import io.aibatch.resilience.CallObserver;
import io.aibatch.resilience.CallsExhaustedException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Item handlers for the benchmarks: a no-op engine, and one backend call per item through a backend executor. */
final class Handlers {

    private Handlers() {}

    static ItemHandler noOp() {
        return item ->
                CompletableFuture.completedFuture(new ItemOutcome.Processed(item, Map.of("id", item.id()), Units.NONE));
    }

    static ItemHandler backend(BackendExecutor executor, ChatBackendCall call, CallObserver observer) {
        return item -> executor.execute(call::send, observer).handle((status, error) -> {
            if (error == null) {
                return new ItemOutcome.Processed(item, Map.of("id", item.id(), "status", status), Units.NONE);
            }
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            if (cause instanceof CallsExhaustedException exhausted) {
                return new ItemOutcome.DeadLettered(
                        item, exhausted.code(), exhausted.getMessage(), exhausted.attempts());
            }
            throw new IllegalStateException("benchmark call failed unexpectedly", cause);
        });
    }
}
