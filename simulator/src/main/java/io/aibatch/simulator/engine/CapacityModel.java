package io.aibatch.simulator.engine;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A fixed number of service slots in front of a bounded (or unbounded) FIFO queue. It only does bookkeeping:
 * nobody waits on a thread. {@link #offer} either starts the work now, parks it, or refuses it; {@link #release}
 * hands the freed slot to the oldest waiting work.
 */
public final class CapacityModel {

    private final int slots;
    private final int queueLimit;
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private int inService;
    private int maxInService;

    /** @param queueLimit negative for an unbounded queue */
    public CapacityModel(int slots, int queueLimit) {
        this.slots = slots;
        this.queueLimit = queueLimit;
    }

    public enum Admission {
        STARTED,
        QUEUED,
        REJECTED
    }

    /** Starts {@code start} now if a slot is free, else queues it; rejects when the queue is full. */
    public Admission offer(Runnable start) {
        Admission admission;
        synchronized (this) {
            if (inService < slots) {
                inService++;
                maxInService = Math.max(maxInService, inService);
                admission = Admission.STARTED;
            } else if (queueLimit < 0 || waiting.size() < queueLimit) {
                waiting.addLast(start);
                return Admission.QUEUED;
            } else {
                return Admission.REJECTED;
            }
        }
        start.run(); // outside the lock: starting schedules work, never under our monitor
        return admission;
    }

    /** Frees a slot; the oldest waiting work, if any, takes it over. */
    public void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                inService--;
            }
        }
        if (next != null) {
            next.run();
        }
    }

    public synchronized int inService() {
        return inService;
    }

    public synchronized int queued() {
        return waiting.size();
    }

    public synchronized int maxInService() {
        return maxInService;
    }

    public synchronized void resetPeak() {
        maxInService = inService;
    }

    /** Rough wait before a new request would get a slot: the queue drains 'slots' requests per service time. */
    public synchronized double estimatedWaitMillis(double meanServiceMillis) {
        return (waiting.size() / (double) slots + 1) * meanServiceMillis;
    }

    public int slots() {
        return slots;
    }
}
