package io.aibatch.plan;

import io.aibatch.item.WorkItem;
import io.aibatch.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectReader;

/**
 * Reads manifest lines starting at a known byte offset and tracks the offset of the next line, so
 * that a slice can be read on its own and planning can record where each slice starts.
 */
public final class ManifestReader implements AutoCloseable {

    /** Reused: building a reader per line is most of the cost of reading a manifest. */
    private static final ObjectReader ITEMS = Json.MAPPER.readerFor(WorkItem.class);

    private final InputStream in;
    /** Read in blocks and scanned here: a read() per byte (synchronized in BufferedInputStream) cost most of a pass. */
    private final byte[] buffer = new byte[1 << 16];

    private int position;
    private int limit;
    private byte[] line = new byte[512];
    private long offset;

    public ManifestReader(InputStream in, long startOffset) {
        this.in = in;
        this.offset = startOffset;
    }

    /** Byte offset of the next line to be read. */
    public long offset() {
        return offset;
    }

    /** The next item, or null at the end of the manifest. */
    public WorkItem next() throws IOException {
        int length = readLine();
        if (length == 0) {
            return null;
        }
        try {
            return ITEMS.readValue(line, 0, length);
        } catch (RuntimeException e) {
            throw invalid(length, e);
        }
    }

    /**
     * The size of the next item, or -1 at the end of the manifest: for planning, which weighs items by size. Only the
     * {@code size} property is decoded (a whole item, with its id, names and time, took half of planning).
     */
    public long nextSize() throws IOException {
        int length = readLine();
        if (length == 0) {
            return -1;
        }
        try (JsonParser parser = Json.MAPPER.createParser(line, 0, length)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    boolean size = parser.currentName().equals("size");
                    parser.nextToken();
                    if (size && parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                        return parser.getLongValue();
                    }
                    parser.skipChildren();
                }
                return 0; // as an item without one reads
            }
        } catch (RuntimeException e) {
            throw invalid(length, e);
        }
        throw invalid(length, null);
    }

    private IOException invalid(int length, RuntimeException cause) {
        return new IOException(
                "manifest line ending at byte " + offset + " is not a valid item: "
                        + new String(line, 0, length, StandardCharsets.UTF_8),
                cause);
    }

    /** Reads the next line into {@link #line}; its length, 0 at the end of the manifest. */
    private int readLine() throws IOException {
        int length = 0;
        while (true) {
            if (position == limit) {
                int read = in.read(buffer);
                if (read == -1) {
                    break;
                }
                position = 0;
                limit = read;
            }
            int start = position;
            int end = start;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            int chunk = end - start;
            if (length + chunk > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + chunk));
            }
            System.arraycopy(buffer, start, line, length, chunk);
            length += chunk;
            offset += chunk;
            position = end;
            if (end < limit) { // the line break
                position++;
                offset++;
                break;
            }
        }
        return length;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
