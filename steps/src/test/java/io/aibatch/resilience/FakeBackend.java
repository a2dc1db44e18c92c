package io.aibatch.resilience;

import io.aibatch.engine.BackendException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A backend with a real capacity: calls above {@code capacity} in flight are answered at once with
 * 429 (as Azure services do); others take {@code serviceMillis}. Behaviour per call can be replaced.
 */
final class FakeBackend implements AutoCloseable {

    final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger throttled = new AtomicInteger();
    volatile int capacity;
    volatile long serviceMillis;
    /** Given the call number, a failure to answer with instead of success, or null. */
    volatile IntFunction<BackendException> failure = n -> null;

    FakeBackend(int capacity, long serviceMillis) {
        this.capacity = capacity;
        this.serviceMillis = serviceMillis;
    }

    CompletableFuture<String> call() {
        int number = calls.incrementAndGet();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        CompletableFuture<String> reply = new CompletableFuture<>();
        if (now > capacity) {
            inFlight.decrementAndGet();
            throttled.incrementAndGet();
            reply.completeExceptionally(
                    BackendException.throttled("fake", 429, Duration.ofMillis(20), "over capacity"));
            return reply;
        }
        BackendException injected = failure.apply(number);
        timer.schedule(
                () -> {
                    inFlight.decrementAndGet();
                    if (injected != null) {
                        reply.completeExceptionally(injected);
                    } else {
                        reply.complete("ok-" + number);
                    }
                },
                serviceMillis,
                TimeUnit.MILLISECONDS);
        return reply;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
