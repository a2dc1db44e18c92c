package io.aibatch.sink;

import io.aibatch.store.OutputStore;
import java.io.IOException;
import java.util.List;

/** Results as one JSONL file per chunk under {@code results/} in the output store: the file is the unit of replacement. */
public final class FileResultSink implements ResultSink {

    private final OutputStore store;

    public FileResultSink(OutputStore store) {
        this.store = store;
    }

    @Override
    public String describe() {
        return store.describe() + "/" + ChunkOutputWriter.RESULTS;
    }

    @Override
    public Written write(String chunkName, List<Object> results, List<String> deadLetteredIds) throws IOException {
        ChunkOutputWriter.replace(store, ChunkOutputWriter.RESULTS + "/" + chunkName, results);
        return Written.FREE;
    }

    @Override
    public void removeUncommitted(String slicePrefix, String firstUncommittedChunk) throws IOException {
        ChunkOutputWriter.removeFrom(store, ChunkOutputWriter.RESULTS, slicePrefix, firstUncommittedChunk);
    }
}
