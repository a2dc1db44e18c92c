package io.aibatch.sink;

import java.io.IOException;
import java.util.List;

/**
 * Where a run's results go: JSONL files in the output store, or a database. Writes are keyed by the chunk's
 * deterministic name and the results' ids, so writing a chunk again after a crash replaces what the first attempt
 * wrote instead of adding to it.
 */
public interface ResultSink {

    /** Where results go, for logs and reports. Never contains secrets. */
    String describe();

    /**
     * Writes one chunk's results.
     *
     * @param chunkName        deterministic name of the chunk ({@code slice-0002-000000001200.jsonl})
     * @param results          the result objects, each with a deterministic {@code id}
     * @param deadLetteredIds  ids of the chunk's dead-lettered items: a sink that keeps results by id removes any
     *                         result an earlier, uncommitted attempt wrote for them
     * @return what the write cost
     */
    Written write(String chunkName, List<Object> results, List<String> deadLetteredIds) throws IOException;

    /** Removes what uncommitted attempts of this slice wrote at or after {@code firstUncommittedChunk}, where that is needed. */
    void removeUncommitted(String slicePrefix, String firstUncommittedChunk) throws IOException;

    /**
     * @param requestCharge request units the database charged (0 for files)
     */
    record Written(double requestCharge) {
        public static final Written FREE = new Written(0);
    }
}
