package io.aibatch.runtime;

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

    /**
     * The settings of {@code backend} ({@code aibatch.backends.<name>}); a name like {@code kaito/phi-4-mini-instruct}
     * also takes the settings of its family ({@code aibatch.backends.kaito}), so configuration needs no model names.
     */
    public BackendPolicy policy(String backend) {
        int slash = backend.indexOf('/');
        BackendSettings own = settings.get(backend);
        if (own == null && slash > 0) {
            own = settings.get(backend.substring(0, slash));
        }
        return (own == null ? BackendSettings.empty() : own).toPolicy(backend, settings.get(BackendSettings.DEFAULTS));
    }

    public Collection<BackendExecutor> all() {
        return executors.values();
    }
}
