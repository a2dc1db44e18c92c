package io.aibatch.resilience;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Admits calls up to the limiter's current limit without blocking a thread: callers get a future that
 * completes with a permit when a slot frees up, in arrival order.
 */
final class ConcurrencyGate {

    private final SimpleLimiter<Void> limiter;
    private final Deque<CompletableFuture<Limiter.Listener>> waiting = new ArrayDeque<>();

    ConcurrencyGate(SimpleLimiter<Void> limiter) {
        this.limiter = limiter;
    }

    CompletableFuture<Limiter.Listener> acquire() {
        CompletableFuture<Limiter.Listener> permit = new CompletableFuture<>();
        synchronized (this) {
            waiting.addLast(permit);
        }
        admit();
        return permit;
    }

    /** @param outcome null when the call failed for a reason that says nothing about the backend */
    void release(Limiter.Listener permit, CallOutcome outcome) {
        if (outcome == CallOutcome.SUCCESS || outcome == CallOutcome.PERMANENT) {
            permit.onSuccess();
        } else if (outcome == CallOutcome.THROTTLED || outcome == CallOutcome.TIMEOUT) {
            permit.onDropped();
        } else {
            permit.onIgnore();
        }
        admit();
    }

    int limit() {
        return limiter.getLimit();
    }

    int inFlight() {
        return limiter.getInflight();
    }

    synchronized int waiting() {
        return waiting.size();
    }

    /** Hands out as many permits as the limit allows; completes them outside the lock (their callers start calls). */
    private void admit() {
        List<Runnable> grants = new ArrayList<>();
        synchronized (this) {
            while (!waiting.isEmpty()) {
                Optional<Limiter.Listener> permit = limiter.acquire(null);
                if (permit.isEmpty()) {
                    break;
                }
                CompletableFuture<Limiter.Listener> next = waiting.pollFirst();
                grants.add(() -> {
                    if (!next.complete(permit.get())) {
                        permit.get().onIgnore(); // the waiter was cancelled meanwhile
                        admit();
                    }
                });
            }
        }
        grants.forEach(Runnable::run);
    }
}
