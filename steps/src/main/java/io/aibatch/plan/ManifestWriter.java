package io.aibatch.plan;

import io.aibatch.item.WorkItem;
import io.aibatch.json.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Appends items to a manifest (one JSON object per line) while the source is being listed. */
public final class ManifestWriter implements AutoCloseable {

    private final OutputStream out;
    private long items;
    private long bytes;

    public ManifestWriter(OutputStream out) {
        this.out = new BufferedOutputStream(out, 1 << 16);
    }

    public void append(WorkItem item) {
        try {
            out.write(Json.MAPPER.writeValueAsBytes(item));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("could not append " + item.source() + " to the manifest", e);
        }
        items++;
        bytes += item.size();
    }

    public long items() {
        return items;
    }

    public long bytes() {
        return bytes;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
