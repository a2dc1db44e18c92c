package io.aibatch.bench;

import io.aibatch.item.WorkItem;
import io.aibatch.source.ItemSource;
import java.io.InputStream;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A listing of {@code count} blob-like items made up on the fly (names, sizes from 10 KB to about 5 MB, times and
 * etags like Blob Storage's), produced one at a time exactly as a paged listing would be: planning at scale without
 * a million real blobs. Deterministic for a seed. Items cannot be opened.
 */
final class SyntheticListingSource implements ItemSource {

    private static final String BASE = "https://benchaccount.blob.core.windows.net/documents/";
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private final long count;
    private final long seed;

    SyntheticListingSource(long count, long seed) {
        this.count = count;
        this.seed = seed;
    }

    @Override
    public String describe() {
        return "synthetic listing of " + count + " items";
    }

    @Override
    public void list(Consumer<WorkItem> sink) {
        SplittableRandom random = new SplittableRandom(seed);
        for (long i = 0; i < count; i++) {
            String name = "batch-%03d/%02d/scan-%09d.pdf".formatted(i / 100_000, (i / 1000) % 100, i);
            // mostly small documents with a long tail of large ones, as scanned archives are
            long size = 10_240 + (long) (Math.pow(random.nextDouble(), 4) * 5_000_000);
            Instant modified = EPOCH.plusSeconds(random.nextLong(30L * 24 * 3600));
            String etag = "\"0x8DC%013X\"".formatted(random.nextLong(1L << 52));
            sink.accept(WorkItem.of(BASE + name, name, size, modified, etag));
        }
    }

    @Override
    public InputStream open(WorkItem item) {
        throw new UnsupportedOperationException("synthetic items have no content: the plan benchmark only lists them");
    }
}
