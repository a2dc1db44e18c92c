package io.aibatch.plan;

/**
 * A contiguous range of manifest lines processed by one partition.
 *
 * @param index     0-based slice number; also the Kubernetes JOB_COMPLETION_INDEX of its pod
 * @param firstLine 0-based manifest line of the slice's first item
 * @param items     number of items in the slice
 * @param startByte byte offset of {@code firstLine} in the manifest
 * @param bytes     total size of the slice's items
 */
public record Slice(int index, long firstLine, long items, long startByte, long bytes) {

    public String name() {
        return "slice-%04d".formatted(index);
    }
}
