package io.aibatch.simulator.batch;

import io.aibatch.simulator.http.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One batch and its lifecycle state. Every transition stamps its own {@code *_at} field (unix seconds). Guarded by
 * its own monitor: the scheduler moves it on while requests read and cancel it.
 */
final class BatchJob {

    /** How the finished share of a batch is known: lines in the order the simulated service processes them. */
    record Result(String customId, int status, ObjectNode body) {}

    static final String VALIDATING = "validating";
    static final String FAILED = "failed";
    static final String IN_PROGRESS = "in_progress";
    static final String FINALIZING = "finalizing";
    static final String COMPLETED = "completed";
    static final String EXPIRED = "expired";
    static final String CANCELLING = "cancelling";
    static final String CANCELLED = "cancelled";

    final String id;
    final String inputFileId;
    final String endpoint;
    final String completionWindow;
    final @Nullable Map<String, String> metadata;
    final long createdAt;
    final long enqueuedTokens;

    String status = VALIDATING;

    @Nullable
    Long inProgressAt;

    @Nullable
    Long finalizingAt;

    @Nullable
    Long completedAt;

    @Nullable
    Long failedAt;

    @Nullable
    Long expiredAt;

    @Nullable
    Long cancellingAt;

    @Nullable
    Long cancelledAt;

    @Nullable
    String outputFileId;

    @Nullable
    String errorFileId;

    @Nullable
    List<InputFile.Problem> errors;

    int total;
    int completed;
    int failed;

    /** Answers in processing order (a seeded shuffle of the input), set when validation passes. */
    @Nullable
    List<Result> results;

    long inProgressStartedMillis;
    /** Lines done when cancelling began; -1 while not cancelling. */
    int doneAtCancel = -1;

    @Nullable
    ScheduledFuture<?> next;

    BatchJob(
            String id,
            String inputFileId,
            String endpoint,
            String completionWindow,
            @Nullable Map<String, String> metadata,
            long createdAt,
            long enqueuedTokens) {
        this.id = id;
        this.inputFileId = inputFileId;
        this.endpoint = endpoint;
        this.completionWindow = completionWindow;
        this.metadata = metadata;
        this.createdAt = createdAt;
        this.enqueuedTokens = enqueuedTokens;
    }

    boolean terminal() {
        return status.equals(COMPLETED) || status.equals(FAILED) || status.equals(EXPIRED) || status.equals(CANCELLED);
    }

    /** The spec's Batch object; fields with no value yet are null, as the service sends them. */
    synchronized ObjectNode json() {
        ObjectNode n = Json.object();
        n.put("object", "batch");
        n.put("id", id);
        n.put("endpoint", endpoint);
        if (errors == null) {
            n.putNull("errors");
        } else {
            ObjectNode e = n.putObject("errors");
            e.put("object", "list");
            ArrayNode data = e.putArray("data"); // an array, as the service and the docs send it (the spec says object)
            for (InputFile.Problem p : errors) {
                ObjectNode d = data.addObject();
                d.put("code", p.code());
                d.put("message", p.message());
                d.putNull("param");
                if (p.line() == null) {
                    d.putNull("line");
                } else {
                    d.put("line", p.line().intValue());
                }
            }
        }
        n.put("input_file_id", inputFileId);
        n.put("completion_window", completionWindow);
        n.put("status", status);
        putNullable(n, "output_file_id", outputFileId);
        putNullable(n, "error_file_id", errorFileId);
        n.put("created_at", createdAt);
        putNullable(n, "in_progress_at", inProgressAt);
        n.put("expires_at", createdAt + 24 * 3600);
        putNullable(n, "finalizing_at", finalizingAt);
        putNullable(n, "completed_at", completedAt);
        putNullable(n, "failed_at", failedAt);
        putNullable(n, "expired_at", expiredAt);
        putNullable(n, "cancelling_at", cancellingAt);
        putNullable(n, "cancelled_at", cancelledAt);
        ObjectNode counts = n.putObject("request_counts");
        counts.put("total", total);
        counts.put("completed", completed);
        counts.put("failed", failed);
        if (metadata == null) {
            n.putNull("metadata");
        } else {
            ObjectNode m = n.putObject("metadata");
            metadata.forEach(m::put);
        }
        return n;
    }

    private static void putNullable(ObjectNode n, String field, @Nullable Object value) {
        if (value == null) {
            n.putNull(field);
        } else if (value instanceof Long l) {
            n.put(field, l.longValue());
        } else {
            n.put(field, value.toString());
        }
    }
}
