package io.aibatch.incremental;

import io.aibatch.json.Json;
import io.aibatch.store.OutputStore;
import java.io.IOException;
import java.io.InputStream;

/**
 * The watermark an incremental run will store when it completes, kept next to its manifest
 * ({@code _manifest/watermark.json}) from planning until then. Keeping it with the run, not in the job repository,
 * is what stops a failed or stopped run from advancing the watermark; a restart that completes the run stores it.
 *
 * @param job       the job name
 * @param source    the source, as {@code ItemSource.describe()} names it (the watermark's key with the job)
 * @param watermark the watermark to merge into the stored one
 */
public record PendingWatermark(String job, String source, Watermark watermark) {

    public static final String PATH = "_manifest/watermark.json";

    public void write(OutputStore files) throws IOException {
        files.write(PATH, Json.PRETTY.writeValueAsBytes(this));
    }

    public static PendingWatermark read(OutputStore files) throws IOException {
        if (!files.exists(PATH)) {
            throw new IOException(
                    files.describe() + "/" + PATH + " is missing: the plan of this incremental run wrote it;"
                            + " without it the watermark cannot advance (the next run would process these items again)");
        }
        try (InputStream in = files.open(PATH, 0)) {
            return Json.MAPPER.readValue(in, PendingWatermark.class);
        }
    }
}
