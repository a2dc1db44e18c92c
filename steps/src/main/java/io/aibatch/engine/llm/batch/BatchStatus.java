package io.aibatch.engine.llm.batch;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the client knows of one batch after a read.
 *
 * @param errors the validation errors of a {@code failed} batch, as "code: message (line n)"
 */
public record BatchStatus(
        String id,
        BatchState state,
        String inputFileId,
        @Nullable String outputFileId,
        @Nullable String errorFileId,
        int total,
        int completed,
        int failed,
        List<String> errors) {}
