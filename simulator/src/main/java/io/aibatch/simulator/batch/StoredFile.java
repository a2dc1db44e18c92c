package io.aibatch.simulator.batch;

import io.aibatch.simulator.http.Json;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.ObjectNode;

/**
 * One file of the Files API. Uploads start {@code pending} and become {@code processed} after the configured
 * processing time; files the service writes (batch output and error files) are {@code processed} at once. A deleted
 * file stays here, marked, so that {@code GET /_sim/files} can still show it.
 */
final class StoredFile {

    private final String id;
    private final String filename;
    private final String purpose;
    private final byte[] content;
    private final long createdAt;
    private final long processedAtMillis;
    private volatile boolean deleted;

    StoredFile(String id, String filename, String purpose, byte[] content, long createdAtMillis, long processingMs) {
        this.id = id;
        this.filename = filename;
        this.purpose = purpose;
        this.content = content;
        this.createdAt = createdAtMillis / 1000;
        this.processedAtMillis = createdAtMillis + processingMs;
    }

    String id() {
        return id;
    }

    String purpose() {
        return purpose;
    }

    byte[] content() {
        return content;
    }

    long createdAt() {
        return createdAt;
    }

    boolean deleted() {
        return deleted;
    }

    void markDeleted() {
        deleted = true;
    }

    boolean processed(long nowMillis) {
        return nowMillis >= processedAtMillis;
    }

    /** The spec's File object. */
    ObjectNode json(long nowMillis) {
        ObjectNode n = Json.object();
        n.put("object", "file");
        n.put("id", id);
        n.put("purpose", purpose);
        n.put("filename", filename);
        n.put("bytes", content.length);
        n.put("created_at", createdAt);
        n.put("status", processed(nowMillis) ? "processed" : "pending");
        return n;
    }

    /** The File object plus what only the simulator's admin view shows: deletion and the whole content. */
    ObjectNode adminJson(long nowMillis) {
        ObjectNode n = json(nowMillis);
        n.put("deleted", deleted);
        n.put("content", new String(content, StandardCharsets.UTF_8));
        return n;
    }
}
