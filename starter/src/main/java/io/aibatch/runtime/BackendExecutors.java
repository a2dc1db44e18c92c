package io.aibatch.runtime;

import io.aibatch.resilience.BackendExecutor;
import io.aibatch.resilience.BackendPolicy;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One {@link BackendExecutor} per backend per JVM: every slice running here shares the backend's
 * concurrency limit, breaker, rate caps and statistics, because the backend's capacity is shared too. The rate caps
 * ({@code requests-per-minute}, {@code tokens-per-minute}) are the run's: when {@code workerJvms} worker JVMs run at
 * once (the processes and kubernetes partition handlers), each paces itself to an even share.
 */
public final class BackendExecutors {

    private final Map<String, BackendSettings> settings;
    private final ScheduledExecutorService scheduler;
    private final int workerJvms;
    private final Map<String, BackendExecutor> executors = new ConcurrentHashMap<>();

    /** For a JVM that is the run's only one (the threads partition handler, tests). */
    public BackendExecutors(Map<String, BackendSettings> settings, ScheduledExecutorService scheduler) {
        this(settings, scheduler, 1);
    }

    /** @param workerJvms how many worker JVMs of the run call the backends at once, this one included */
    public BackendExecutors(Map<String, BackendSettings> settings, ScheduledExecutorService scheduler, int workerJvms) {
        if (workerJvms < 1) {
            throw new IllegalArgumentException(
                    "aibatch.worker-jvms (AIBATCH_WORKER_JVMS) must be at least 1, got " + workerJvms);
        }
        this.settings = Map.copyOf(settings);
        this.scheduler = scheduler;
        this.workerJvms = workerJvms;
    }

    public BackendExecutor forBackend(String backend) {
        return executors.computeIfAbsent(backend, name -> new BackendExecutor(policy(name), scheduler));
    }

    /**
     * The settings of {@code backend} ({@code aibatch.backends.<name>}); a name like {@code kaito/phi-4-mini-instruct}
     * also takes the settings of its family ({@code aibatch.backends.kaito}), so configuration needs no model names.
     * Its rate caps are this JVM's share of the configured ones.
     */
    public BackendPolicy policy(String backend) {
        int slash = backend.indexOf('/');
        BackendSettings own = settings.get(backend);
        if (own == null && slash > 0) {
            own = settings.get(backend.substring(0, slash));
        }
        BackendPolicy policy =
                (own == null ? BackendSettings.empty() : own).toPolicy(backend, settings.get(BackendSettings.DEFAULTS));
        return policy.withRateCaps(policy.rateCaps().sharedAmong(workerJvms));
    }

    /** How many worker JVMs share the rate caps: 1 unless this JVM is one of a processes or kubernetes run's workers. */
    public int workerJvms() {
        return workerJvms;
    }

    public Collection<BackendExecutor> all() {
        return executors.values();
    }
}
