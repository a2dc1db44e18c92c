package io.aibatch.jobs;

import io.aibatch.resilience.BackendExecutor;
import io.aibatch.resilience.BackendPolicy;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One {@link BackendExecutor} per backend per JVM: every slice running here shares the backend's
 * concurrency limit, breaker and statistics, because the backend's capacity is shared too.
 */
public final class BackendExecutors {

    private final Map<String, BackendSettings> settings;
    private final ScheduledExecutorService scheduler;
    private final Map<String, BackendExecutor> executors = new ConcurrentHashMap<>();

    public BackendExecutors(Map<String, BackendSettings> settings, ScheduledExecutorService scheduler) {
        this.settings = Map.copyOf(settings);
        this.scheduler = scheduler;
    }

    public BackendExecutor forBackend(String backend) {
        return executors.computeIfAbsent(backend, name -> new BackendExecutor(policy(name), scheduler));
    }

    public BackendPolicy policy(String backend) {
        BackendSettings own = settings.getOrDefault(backend, BackendSettings.empty());
        return own.toPolicy(backend, settings.get(BackendSettings.DEFAULTS));
    }

    public Collection<BackendExecutor> all() {
        return executors.values();
    }
}
