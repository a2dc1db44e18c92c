package io.aibatch.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The memory budget of one JVM for item content in flight: the bytes of the items being downloaded and held
 * (remote OCR, transcription, blob reads) never add up to more than {@link #capacity()}. An item asks for its
 * size and waits — asynchronously, no thread blocks — until that much is free; waiters are served in order, so
 * a large item is not overtaken forever by small ones. An item larger than the whole budget waits for all of it
 * and then runs alone, instead of waiting forever.
 */
public final class InFlightBytes {

    private final long capacity;
    private long available;
    private final Deque<Waiter> waiters = new ArrayDeque<>();
    private final AtomicInteger pending = new AtomicInteger();

    private record Waiter(long bytes, CompletableFuture<Void> granted) {}

    public InFlightBytes(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("the in-flight byte budget must be positive but was " + capacity);
        }
        this.capacity = capacity;
        this.available = capacity;
    }

    /** {@code configured} bytes, or a quarter of the maximum heap when it is 0 or less. */
    public static InFlightBytes ofSetting(long configured) {
        return new InFlightBytes(
                configured > 0 ? configured : Runtime.getRuntime().maxMemory() / 4);
    }

    public long capacity() {
        return capacity;
    }

    /** Completes once {@code bytes} (at most the whole budget) are reserved; cancel it to stop waiting. */
    public CompletableFuture<Void> acquire(long bytes) {
        long wanted = charge(bytes);
        synchronized (this) {
            if (waiters.isEmpty() && available >= wanted) {
                available -= wanted;
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> granted = new CompletableFuture<>();
            waiters.addLast(new Waiter(wanted, granted));
            // a waiter that gives up must not hold back the ones behind it
            granted.whenComplete((ignored, failure) -> {
                if (granted.isCancelled()) {
                    grantWaiting();
                }
            });
            return granted;
        }
    }

    /** Returns what {@link #acquire(long)} reserved for {@code bytes}. */
    public void release(long bytes) {
        synchronized (this) {
            available += charge(bytes);
        }
        grantWaiting();
    }

    private long charge(long bytes) {
        return Math.max(0, Math.min(bytes, capacity));
    }

    /**
     * Hands freed bytes to the waiters in order. Completing a waiter starts its item, which may finish at once and
     * release again: such nested calls only count themselves in {@code pending} and the outermost call loops, so
     * the stack does not grow with the queue.
     */
    private void grantWaiting() {
        if (pending.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            List<Waiter> granted = new ArrayList<>();
            synchronized (this) {
                while (!waiters.isEmpty()) {
                    Waiter head = waiters.peekFirst();
                    if (head.granted().isDone()) {
                        waiters.removeFirst();
                    } else if (available >= head.bytes()) {
                        available -= head.bytes();
                        granted.add(waiters.removeFirst());
                    } else {
                        break;
                    }
                }
            }
            // completed outside the lock: what runs next may acquire or release
            for (Waiter waiter : granted) {
                if (!waiter.granted().complete(null)) {
                    release(waiter.bytes()); // cancelled in the meantime
                }
            }
            missed = pending.addAndGet(-missed);
        } while (missed != 0);
    }
}
