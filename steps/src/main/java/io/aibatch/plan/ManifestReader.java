package io.aibatch.plan;

import io.aibatch.item.WorkItem;
import io.aibatch.json.Json;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.ObjectReader;

/**
 * Reads manifest lines starting at a known byte offset and tracks the offset of the next line, so
 * that a slice can be read on its own and planning can record where each slice starts.
 */
public final class ManifestReader implements AutoCloseable {

    /** Reused: building a reader per line is most of the cost of reading a manifest. */
    private static final ObjectReader ITEMS = Json.MAPPER.readerFor(WorkItem.class);

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    private long offset;

    public ManifestReader(InputStream in, long startOffset) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.offset = startOffset;
    }

    /** Byte offset of the next line to be read. */
    public long offset() {
        return offset;
    }

    /** The next item, or null at the end of the manifest. */
    public WorkItem next() throws IOException {
        line.reset();
        int b;
        while ((b = in.read()) != -1) {
            offset++;
            if (b == '\n') {
                break;
            }
            line.write(b);
        }
        if (line.size() == 0) {
            return null;
        }
        try {
            return ITEMS.readValue(line.toByteArray());
        } catch (RuntimeException e) {
            throw new IOException(
                    "manifest line ending at byte " + offset + " is not a valid item: "
                            + line.toString(StandardCharsets.UTF_8),
                    e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
