package io.aibatch.simulator.ocr;

import io.aibatch.simulator.engine.BackendRuntime;
import io.aibatch.simulator.engine.Fault;
import io.aibatch.simulator.engine.RequestPlan;
import io.aibatch.simulator.http.Exchange;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The asynchronous analyze pattern both Azure OCR APIs share: the POST is answered 202 at once (or 429 when the
 * queue is full), the operation then waits for a slot (notStarted), is served (running) and ends succeeded or
 * failed. Faults: http429/hang/drop hit the POST itself; http5xx makes the operation fail; malformed corrupts the
 * first poll that sees the result.
 */
final class OperationRunner {

    private final BackendRuntime runtime;
    private final OperationStore operations;

    OperationRunner(BackendRuntime runtime, OperationStore operations) {
        this.runtime = runtime;
        this.operations = operations;
    }

    /**
     * @param throttled writes the backend's 429 body given the Retry-After seconds
     * @param location  Operation-Location URL of an operation
     */
    void start(
            Exchange ex,
            int units,
            String modelId,
            Supplier<JsonNode> result,
            BiConsumer<Exchange, Long> throttled,
            Function<Operation, String> location) {
        RequestPlan plan = runtime.plan(units);
        switch (plan.fault()) {
            case HTTP_429 -> {
                runtime.stats().throttled();
                runtime.stats().error(Fault.HTTP_429.key());
                throttled.accept(ex, runtime.retryAfterSeconds(units));
                return;
            }
            case HANG -> {
                runtime.stats().error(Fault.HANG.key());
                ex.hang();
                return;
            }
            case DROP -> {
                runtime.stats().error(Fault.DROP.key());
                ex.drop();
                return;
            }
            default -> {}
        }
        Operation op = operations.create(modelId, plan.sequence());
        boolean admitted = runtime.admit(plan, op::running, () -> {
            if (plan.fault() == Fault.HTTP_5XX) {
                runtime.stats().error(Fault.HTTP_5XX.key());
                op.failed();
                return;
            }
            boolean malformed = plan.fault() == Fault.MALFORMED;
            if (malformed) {
                runtime.stats().error(Fault.MALFORMED.key());
            } else {
                runtime.recordUnits(units);
            }
            op.succeeded(result.get(), malformed);
        });
        if (!admitted) {
            operations.remove(op.id());
            throttled.accept(ex, runtime.retryAfterSeconds(units));
            return;
        }
        ex.empty(202, Map.of("Operation-Location", location.apply(op)));
    }
}
