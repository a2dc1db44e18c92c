package io.aibatch.simulator.engine;

import io.aibatch.simulator.Backend;
import io.aibatch.simulator.BackendStats;
import io.aibatch.simulator.config.BackendConfig;
import io.aibatch.simulator.http.Exchange;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service model of one backend: it numbers requests, draws their fault and service time from the seeded
 * stream, runs them through the slots and queue, and completes them from the scheduler. Handlers only decide
 * what a request means and what the answers look like.
 */
public final class BackendRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(BackendRuntime.class);

    private final Backend backend;
    private final BackendConfig config;
    private final long seed;
    private final ScheduledExecutorService scheduler;
    private final FaultInjector faults;
    private final ServiceTimeModel serviceTime;
    private final StatsRecorder stats = new StatsRecorder();
    private final AtomicLong sequence = new AtomicLong();
    private final java.util.List<Runnable> resetHooks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile CapacityModel capacity;

    public BackendRuntime(Backend backend, BackendConfig config, long seed, ScheduledExecutorService scheduler) {
        this.backend = backend;
        this.config = config;
        this.seed = seed;
        this.scheduler = scheduler;
        this.faults = new FaultInjector(config.faults());
        this.serviceTime = new ServiceTimeModel(config.baseMs(), config.perUnitMs(), config.jitterSigma());
        this.capacity = newCapacity();
    }

    private CapacityModel newCapacity() {
        // vLLM queues without bound whatever the config says: it has no 429 at all
        int queueLimit = backend == Backend.VLLM ? -1 : config.queueLimit();
        return new CapacityModel(config.slots(), queueLimit);
    }

    public Backend backend() {
        return backend;
    }

    public BackendConfig config() {
        return config;
    }

    public StatsRecorder stats() {
        return stats;
    }

    public BackendStats snapshot() {
        return stats.snapshot(capacity);
    }

    /** Numbers the request and draws its fault, then its service time, from its own random stream. */
    public RequestPlan plan(double units) {
        long seq = sequence.getAndIncrement();
        SplittableRandom random = RequestRandom.forRequest(seed, seq);
        Fault fault = faults.draw(random);
        long millis = serviceTime.drawMillis(units, random);
        return new RequestPlan(seq, fault, millis, units);
    }

    /** Seconds a throttled client should wait: time for the queue ahead of it to drain, at least 1. */
    public long retryAfterSeconds(double units) {
        double wait = capacity.estimatedWaitMillis(serviceTime.meanMillis(units));
        return Math.max(1, (long) Math.ceil(wait / 1000.0));
    }

    /**
     * Admits work to the slots: {@code onStart} runs when it gets a slot, {@code onDone} when its service time is
     * over (the slot is already free then). Returns false, touching nothing, when the queue is full.
     */
    public boolean admit(RequestPlan plan, Runnable onStart, Runnable onDone) {
        CapacityModel cap = capacity;
        CapacityModel.Admission a = cap.offer(() -> {
            safely(onStart);
            scheduler.schedule(
                    () -> {
                        cap.release();
                        safely(onDone);
                    },
                    plan.serviceMillis(),
                    TimeUnit.MILLISECONDS);
        });
        if (a == CapacityModel.Admission.REJECTED) {
            stats.throttled();
            return false;
        }
        stats.accepted();
        return true;
    }

    /**
     * The whole life of a synchronous request: injected 429 and hang act at once; otherwise the request takes a
     * slot for its service time and then gets its normal answer or its injected fault.
     */
    public void serve(Exchange exchange, double units, SyncWork work) {
        RequestPlan plan = plan(units);
        switch (plan.fault()) {
            case HTTP_429 -> {
                stats.throttled();
                stats.error(Fault.HTTP_429.key());
                work.throttled(exchange, retryAfterSeconds(units));
                return;
            }
            case HANG -> {
                stats.error(Fault.HANG.key());
                exchange.hang();
                return;
            }
            default -> {}
        }
        boolean admitted = admit(plan, () -> {}, () -> finish(exchange, plan, work));
        if (!admitted) {
            work.throttled(exchange, retryAfterSeconds(units));
        }
    }

    private void finish(Exchange exchange, RequestPlan plan, SyncWork work) {
        try {
            switch (plan.fault()) {
                case DROP -> {
                    stats.error(Fault.DROP.key());
                    exchange.drop();
                }
                case HTTP_5XX -> {
                    stats.error(Fault.HTTP_5XX.key());
                    work.serverError(exchange);
                }
                case MALFORMED -> {
                    stats.error(Fault.MALFORMED.key());
                    work.malformed(exchange, plan.sequence());
                }
                default -> {
                    work.succeed(exchange);
                    stats.units(plan.units());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("{} failed to answer request {}", backend.key(), plan.sequence(), e);
            stats.error("simulatorBug");
            exchange.drop();
        }
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("{} callback failed", backend.key(), e);
        }
    }

    /**
     * A further random stream of the request numbered {@code sequence}, independent of the one that drew its fault
     * and service time (streaming backends need more draws, e.g. where a dropped connection breaks).
     */
    public SplittableRandom extraRandom(long sequence, long salt) {
        return RequestRandom.forRequest(seed ^ RequestRandom.mix(salt), sequence);
    }

    /** Mean service time of {@code units}, without jitter. */
    public double meanServiceMillis(double units) {
        return serviceTime.meanMillis(units);
    }

    /**
     * Streaming work that holds a slot for as long as it runs (a Speech decoder for a whole stream): {@code onStart}
     * runs when it gets a slot; the caller must call {@link #releaseSlot()} once it is done. Returns false when the
     * queue is full (counted as throttled).
     */
    public boolean acquireSlot(Runnable onStart) {
        CapacityModel.Admission a = capacity.offer(() -> safely(onStart));
        if (a == CapacityModel.Admission.REJECTED) {
            stats.throttled();
            return false;
        }
        stats.accepted();
        return true;
    }

    public void releaseSlot() {
        capacity.release();
    }

    /** True when every slot is busy and the queue is full: new streaming work would be refused. */
    public boolean saturated() {
        CapacityModel cap = capacity;
        return cap.inService() >= cap.slots() && !config.unboundedQueue() && cap.queued() >= config.queueLimit();
    }

    /** Forgets counters and restarts the request sequence, so a rerun sees the same faults and delays. */
    public void reset() {
        stats.reset();
        sequence.set(0);
        capacity.resetPeak();
        resetHooks.forEach(Runnable::run);
    }

    /** State a handler keeps beside the runtime (e.g. a token quota window) that must reset with it. */
    public void onReset(Runnable hook) {
        resetHooks.add(hook);
    }

    public void recordUnits(double units) {
        stats.units(units);
    }
}
