package io.aibatch.runtime.kubernetes;

import io.aibatch.cost.PoolUsage;
import io.aibatch.runtime.AibatchProperties;
import io.aibatch.runtime.RunParameters;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.function.SingletonSupplier;

/**
 * Measures the node-hours of the backend node pools while a run lasts: every {@code interval} it lists the nodes
 * matching the label selector and adds, per pool (pool label, instance type, spot or not), the nodes seen at the
 * previous sample × the time since. Autoscaling pools are priced by what they really ran, not by their maximum.
 * <p>
 * Optional ({@code aibatch.cost.sample.enabled}); a failed sample is logged and skipped, never fails the run.
 * Only the current execution is measured: node-hours of an earlier execution of a restarted run are not kept.
 */
public final class NodePoolSampler {

    static final String INSTANCE_TYPE = "node.kubernetes.io/instance-type";
    private static final Logger log = LoggerFactory.getLogger(NodePoolSampler.class);

    private final AibatchProperties.Sample settings;
    private final Supplier<KubernetesClient> client;
    private final LongSupplier clockMillis;
    private final Map<String, Measurement> runs = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    /** A sampler of the cluster the process runs against; the client is built only when sampling is on (kubeconfig or in-cluster service account). */
    public static NodePoolSampler ofCluster(AibatchProperties.Sample settings, LongSupplier clockMillis) {
        return new NodePoolSampler(
                settings, SingletonSupplier.of(() -> new KubernetesClientBuilder().build()), clockMillis);
    }

    public NodePoolSampler(
            AibatchProperties.Sample settings, Supplier<KubernetesClient> client, LongSupplier clockMillis) {
        this.settings = settings;
        this.client = client;
        this.clockMillis = clockMillis;
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** Starts measuring a run (a first sample now, then every interval). */
    public synchronized void start(String runId) {
        if (!settings.enabled()) {
            return;
        }
        Measurement measurement = new Measurement();
        runs.put(runId, measurement);
        sample(runId);
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "node-pool-sampler");
                thread.setDaemon(true);
                return thread;
            });
        }
        long every = Math.max(1000, settings.interval().toMillis());
        measurement.task = scheduler.scheduleWithFixedDelay(() -> sample(runId), every, every, TimeUnit.MILLISECONDS);
    }

    /** A last sample, then stops measuring the run; its usage stays readable. */
    public void stop(String runId) {
        Measurement measurement = runs.get(runId);
        if (measurement == null) {
            return;
        }
        if (measurement.task != null) {
            measurement.task.cancel(false);
        }
        sample(runId);
    }

    /** Takes one sample now (the scheduler calls this; tests too). */
    public void sample(String runId) {
        Measurement measurement = runs.get(runId);
        if (measurement == null) {
            return;
        }
        Map<PoolKey, Integer> counts = new HashMap<>();
        try {
            var nodes = settings.nodeSelector().isBlank()
                    ? client.get().nodes()
                    : client.get().nodes().withLabelSelector(settings.nodeSelector());
            for (Node node : nodes.list().getItems()) {
                Map<String, String> labels = node.getMetadata().getLabels() == null
                        ? Map.of()
                        : node.getMetadata().getLabels();
                PoolKey key = new PoolKey(
                        labels.getOrDefault(settings.poolLabel(), "unlabelled"),
                        labels.getOrDefault(INSTANCE_TYPE, "unknown"),
                        "spot".equalsIgnoreCase(labels.get(settings.spotLabel())));
                counts.merge(key, 1, Integer::sum);
            }
        } catch (RuntimeException e) {
            log.warn(
                    "could not sample the node pools ({}): {}; the run's cost will miss this interval",
                    settings.nodeSelector(),
                    e.getMessage());
            return;
        }
        measurement.add(clockMillis.getAsLong(), counts);
    }

    /** The pools the run used so far; empty when not sampling. */
    public List<PoolUsage> usage(RunParameters run) {
        Measurement measurement = runs.get(run.runId());
        return measurement == null ? List.of() : measurement.usage();
    }

    private record PoolKey(String pool, String vmSize, boolean spot) {}

    private static final class Measurement {
        private long firstMillis = -1, lastMillis = -1;
        private Map<PoolKey, Integer> lastCounts = Map.of();
        private final Map<PoolKey, Double> nodeMillis =
                new TreeMap<>((a, b) -> (a.pool() + a.vmSize() + a.spot()).compareTo(b.pool() + b.vmSize() + b.spot()));
        private ScheduledFuture<?> task;

        synchronized void add(long now, Map<PoolKey, Integer> counts) {
            if (lastMillis >= 0) {
                long elapsed = Math.max(0, now - lastMillis);
                lastCounts.forEach((key, n) -> nodeMillis.merge(key, (double) n * elapsed, Double::sum));
            } else {
                firstMillis = now;
            }
            counts.keySet().forEach(key -> nodeMillis.putIfAbsent(key, 0.0));
            lastCounts = Map.copyOf(counts);
            lastMillis = now;
        }

        synchronized List<PoolUsage> usage() {
            List<PoolUsage> usage = new ArrayList<>();
            double span = Math.max(1, lastMillis - firstMillis);
            nodeMillis.forEach((key, millis) -> usage.add(new PoolUsage(
                    key.pool(), key.vmSize(), key.spot(), millis / span, millis / 3_600_000.0, "sampled")));
            return usage;
        }
    }
}
