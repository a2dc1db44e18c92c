package io.aibatch.engine.llm.batch;

import java.nio.file.Path;
import java.util.List;

/** One JSONL input file written for a batch: where it is, the custom_ids it holds (in order) and its size. */
public record BatchInputFile(Path path, List<String> customIds, long bytes) {

    public BatchInputFile {
        customIds = List.copyOf(customIds);
    }
}
