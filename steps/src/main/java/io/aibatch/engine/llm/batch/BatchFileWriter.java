package io.aibatch.engine.llm.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes JSONL lines into files named {@code <prefix>-<n>.jsonl}, starting a new file before one would exceed the
 * per-file request count or byte limit (the service fails a file over 100,000 requests and refuses one over 200 MB).
 * Lines are written as UTF-8 without BOM (the service rejects a BOM), each ended by a newline.
 */
public final class BatchFileWriter implements AutoCloseable {

    private final Path dir;
    private final String prefix;
    private final int maxRequests;
    private final long maxBytes;
    private final List<BatchInputFile> finished = new ArrayList<>();
    private @Nullable OutputStream out;
    private @Nullable Path current;
    private final List<String> ids = new ArrayList<>();
    private long bytes;

    public BatchFileWriter(Path dir, String prefix, int maxRequests, long maxBytes) {
        this.dir = dir;
        this.prefix = prefix;
        this.maxRequests = maxRequests;
        this.maxBytes = maxBytes;
    }

    /** @param line one request as JSON, without the newline */
    public void add(String customId, byte[] line) {
        long size = line.length + 1L;
        if (size > maxBytes) {
            throw new IllegalArgumentException("the batch request " + customId + " is " + size
                    + " bytes, more than the " + maxBytes + " bytes a batch file may hold");
        }
        try {
            if (out != null && (ids.size() == maxRequests || bytes + size > maxBytes)) {
                closeCurrent();
            }
            if (out == null) {
                Files.createDirectories(dir);
                current = dir.resolve(prefix + "-" + (finished.size() + 1) + ".jsonl");
                out = Files.newOutputStream(current);
            }
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ids.add(customId);
        bytes += size;
    }

    /** Closes the last file; returns every file written, in order. */
    public List<BatchInputFile> finish() {
        try {
            closeCurrent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(finished);
    }

    private void closeCurrent() throws IOException {
        if (out == null || current == null) {
            return;
        }
        out.close();
        finished.add(new BatchInputFile(current, ids, bytes));
        out = null;
        current = null;
        ids.clear();
        bytes = 0;
    }

    @Override
    public void close() {
        finish();
    }
}
