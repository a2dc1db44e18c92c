package io.aibatch.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline the saturation benchmark divides by: a bare asynchronous HTTP loop that keeps exactly
 * {@code concurrency} requests in flight (a new one starts the moment one ends) until {@code total} are done.
 */
final class RawLoop {

    private RawLoop() {}

    /** Requests per second. */
    static double run(ChatBackendCall call, int concurrency, long total) throws InterruptedException {
        AtomicLong started = new AtomicLong();
        CountDownLatch done = new CountDownLatch((int) total);
        long begin = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            next(call, started, total, done);
        }
        done.await();
        return total / ((System.nanoTime() - begin) / 1e9);
    }

    private static void next(ChatBackendCall call, AtomicLong started, long total, CountDownLatch done) {
        if (started.incrementAndGet() > total) {
            return;
        }
        CompletableFuture<Integer> request = call.send();
        request.whenComplete((status, error) -> {
            done.countDown();
            next(call, started, total, done);
        });
    }
}
