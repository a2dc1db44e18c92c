package io.aibatch.cost;

/**
 * Node-hours one backend node pool spent on a run.
 *
 * @param nodes     nodes in the pool (configured), or the time-weighted average (sampled)
 * @param nodeHours node-hours attributed to the run
 * @param source    {@code configured} (aibatch.cost.pools × the run's wall time) or {@code sampled} (Kubernetes API)
 */
public record PoolUsage(String name, String vmSize, boolean spot, double nodes, double nodeHours, String source) {}
