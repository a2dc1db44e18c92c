package io.aibatch.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * An opened item: its content, and the version that is actually being read (which, under
 * {@link ChangedItemPolicy#PROCESS_CURRENT}, may differ from the planned one).
 *
 * @param stream the content; the caller closes it (closing this closes it)
 * @param etag   the etag of the version being read, or null when the store has none
 */
public record ItemContent(InputStream stream, String etag) implements Closeable {

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
