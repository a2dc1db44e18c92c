package io.aibatch.plan;

import java.util.List;

/** The result of planning: how many items, how many bytes, and how they are split into slices. */
public record SlicePlan(long items, long bytes, List<Slice> slices) {

    public SlicePlan {
        slices = List.copyOf(slices);
    }
}
