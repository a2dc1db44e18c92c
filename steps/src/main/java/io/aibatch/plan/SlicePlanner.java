package io.aibatch.plan;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a manifest into contiguous slices of about equal weight, reading it once, in constant
 * memory. An item weighs its size plus a fixed per-item cost, so that many tiny (or empty) files
 * still spread over the slices. No slice is ever empty: a manifest with fewer items than requested
 * slices gets one slice per item.
 */
public final class SlicePlanner {

    /** The fixed cost of an item, in bytes: a request, a download, a result line. */
    static final long PER_ITEM_WEIGHT = 16 * 1024;

    private SlicePlanner() {}

    public static SlicePlan plan(InputStream manifest, long items, long bytes, int requestedSlices) throws IOException {
        if (requestedSlices < 1) {
            throw new IllegalArgumentException(
                    "the number of partitions must be at least 1 but was " + requestedSlices);
        }
        int sliceCount = (int) Math.min(requestedSlices, Math.max(items, 1));
        double totalWeight = bytes + (double) items * PER_ITEM_WEIGHT;
        List<Slice> slices = new ArrayList<>(sliceCount);
        if (items == 0) {
            return new SlicePlan(0, 0, List.of(new Slice(0, 0, 0, 0, 0)));
        }
        try (ManifestReader reader = new ManifestReader(manifest, 0)) {
            long line = 0;
            long sliceFirstLine = 0;
            long sliceStartByte = 0;
            long sliceBytes = 0;
            double cumulativeWeight = 0;
            long size;
            while ((size = reader.nextSize()) >= 0) {
                line++;
                sliceBytes += size;
                cumulativeWeight += size + PER_ITEM_WEIGHT;
                int index = slices.size();
                boolean lastSlice = index == sliceCount - 1;
                long itemsLeft = items - line;
                int slicesLeftAfterThis = sliceCount - index - 1;
                boolean reachedShare = cumulativeWeight >= totalWeight * (index + 1) / sliceCount;
                boolean mustCut = itemsLeft == slicesLeftAfterThis;
                if (!lastSlice && (reachedShare || mustCut)) {
                    slices.add(new Slice(index, sliceFirstLine, line - sliceFirstLine, sliceStartByte, sliceBytes));
                    sliceFirstLine = line;
                    sliceStartByte = reader.offset();
                    sliceBytes = 0;
                }
            }
            if (line != items) {
                throw new IOException("the manifest holds " + line + " items but planning expected " + items);
            }
            slices.add(new Slice(slices.size(), sliceFirstLine, line - sliceFirstLine, sliceStartByte, sliceBytes));
        }
        return new SlicePlan(items, bytes, slices);
    }
}
