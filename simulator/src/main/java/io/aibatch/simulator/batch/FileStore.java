package io.aibatch.simulator.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Every file ever stored, in creation order; deleted ones stay (marked) for the admin view. */
final class FileStore {

    private final Map<String, StoredFile> files = new LinkedHashMap<>();

    synchronized StoredFile add(String filename, String purpose, byte[] content, long nowMillis, long processingMs) {
        String id = "file-" + UUID.randomUUID().toString().replace("-", "");
        StoredFile f = new StoredFile(id, filename, purpose, content, nowMillis, processingMs);
        files.put(id, f);
        return f;
    }

    /** The file unless it is unknown or deleted. */
    synchronized @Nullable StoredFile live(String id) {
        StoredFile f = files.get(id);
        return f == null || f.deleted() ? null : f;
    }

    synchronized List<StoredFile> all() {
        return new ArrayList<>(files.values());
    }

    synchronized List<StoredFile> live() {
        return files.values().stream().filter(f -> !f.deleted()).toList();
    }

    synchronized void clear() {
        files.clear();
    }
}
