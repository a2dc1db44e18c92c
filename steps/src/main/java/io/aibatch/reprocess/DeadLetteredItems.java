package io.aibatch.reprocess;

import io.aibatch.store.OutputStore;
import java.io.IOException;

/** The ids of the items a run dead-lettered, read from its {@code dead-letter/} files. */
public final class DeadLetteredItems {

    public static final String DIRECTORY = "dead-letter";

    private DeadLetteredItems() {}

    public static ItemIdSet ids(OutputStore runFiles) throws IOException {
        ItemIdSet.Builder ids = new ItemIdSet.Builder();
        OutputLines.forEach(runFiles, DIRECTORY, line -> ids.add(requiredText(line.get("id"), "id", runFiles)));
        return ids.build();
    }

    static String requiredText(tools.jackson.databind.JsonNode node, String field, OutputStore store) {
        if (node == null || !node.isString() || node.asString().isBlank()) {
            throw new IllegalArgumentException(
                    "a line in " + store.describe() + " has no '" + field + "'; is it the output of an aibatch run?");
        }
        return node.asString();
    }
}
