package io.aibatch.plan;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** One partition per planned slice; the requested grid size was already applied when planning. */
public final class ManifestPartitioner implements Partitioner {

    private final SlicePlan plan;

    public ManifestPartitioner(SlicePlan plan) {
        this.plan = plan;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (Slice slice : plan.slices()) {
            partitions.put(slice.name(), SliceContext.toContext(slice));
        }
        return partitions;
    }
}
