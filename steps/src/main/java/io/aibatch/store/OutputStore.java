package io.aibatch.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * A place a run writes files to: results, dead-letters, the manifest and the report. Paths are
 * relative, '/'-separated, and never leave the store's root.
 */
public interface OutputStore {

    /** Where the store points, for logs and reports. Never contains secrets. */
    String describe();

    /**
     * Opens a new file; its content becomes visible under {@code path} only when the stream is
     * closed, replacing any earlier file of that name. A crash before close leaves the old content.
     */
    OutputStream create(String path) throws IOException;

    default void write(String path, byte[] content) throws IOException {
        try (OutputStream out = create(path)) {
            out.write(content);
        }
    }

    /** Reads a file starting at {@code offset} bytes. */
    InputStream open(String path, long offset) throws IOException;

    boolean exists(String path) throws IOException;

    /** Deletes a file if it exists. */
    void delete(String path) throws IOException;

    /** The names (not paths) of the files directly inside {@code directory}, sorted. */
    List<String> list(String directory) throws IOException;

    /**
     * The names of the files directly inside {@code directory} that start with {@code namePrefix}, sorted. Stores
     * that can filter by prefix on the server (Blob Storage) override this.
     */
    default List<String> list(String directory, String namePrefix) throws IOException {
        return list(directory).stream()
                .filter(name -> name.startsWith(namePrefix))
                .toList();
    }
}
