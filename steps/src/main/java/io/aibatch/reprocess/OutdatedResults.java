package io.aibatch.reprocess;

import io.aibatch.store.OutputStore;
import java.io.IOException;
import tools.jackson.databind.JsonNode;

/**
 * The ids of the results in a run's {@code results/} files that the current pipeline version did not produce:
 * their {@code pipelineVersion} is another one, or missing. "Older" is "not the current one": versions are labels
 * (e.g. {@code 2026.11-1}), so any result not made by the version that runs now is outdated, also after a rollback.
 */
public final class OutdatedResults {

    public static final String DIRECTORY = "results";

    private OutdatedResults() {}

    public static ItemIdSet ids(OutputStore runOutput, String currentVersion) throws IOException {
        ItemIdSet.Builder ids = new ItemIdSet.Builder();
        OutputLines.forEach(runOutput, DIRECTORY, line -> {
            JsonNode version = line.get("pipelineVersion");
            if (version == null || !version.isString() || !version.asString().equals(currentVersion)) {
                ids.add(DeadLetteredItems.requiredText(line.get("id"), "id", runOutput));
            }
        });
        return ids.build();
    }
}
