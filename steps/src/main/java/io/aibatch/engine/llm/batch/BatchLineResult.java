package io.aibatch.engine.llm.batch;

import io.aibatch.engine.llm.ChatReply;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one request of a batch, found by its custom_id in the output or error file.
 *
 * @param statusCode the HTTP status the request had (200 in the output file), 0 when it never ran
 * @param reply      the chat reply when the request succeeded
 * @param errorCode  for a failed request: its error code (e.g. content_filter, batch_expired, batch_cancelled)
 */
public record BatchLineResult(
        String customId,
        int statusCode,
        @Nullable ChatReply reply,
        @Nullable String errorCode,
        @Nullable String errorMessage) {

    public boolean succeeded() {
        return reply != null;
    }

    /** It never ran because the batch expired or was cancelled: it may be sent again (real-time or a new batch). */
    public boolean notRun() {
        return "batch_expired".equals(errorCode) || "batch_cancelled".equals(errorCode);
    }
}
