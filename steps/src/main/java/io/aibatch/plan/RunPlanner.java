package io.aibatch.plan;

import io.aibatch.source.ItemSource;
import io.aibatch.store.OutputStore;
import java.io.IOException;
import java.io.InputStream;

/**
 * Plans a run: lists the source once, streaming each item straight into the manifest in the output store, then
 * reads the manifest back once to cut it into slices balanced by bytes. Nothing holds the listing: memory is the
 * writer's and reader's buffers plus one item, however many items there are.
 */
public final class RunPlanner {

    public static final String MANIFEST = "_manifest/manifest.jsonl";

    private RunPlanner() {}

    public static SlicePlan plan(ItemSource source, OutputStore store, int partitions) throws IOException {
        long items;
        long bytes;
        try (ManifestWriter manifest = new ManifestWriter(store.create(MANIFEST))) {
            source.list(manifest::append);
            items = manifest.items();
            bytes = manifest.bytes();
        }
        try (InputStream in = store.open(MANIFEST, 0)) {
            return SlicePlanner.plan(in, items, bytes, partitions);
        }
    }
}
