package io.aibatch.reprocess;

import io.aibatch.json.Json;
import io.aibatch.store.OutputStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/** Reads the JSONL files a run wrote to one directory of its output ({@code results/}, {@code dead-letter/}), line by line. */
final class OutputLines {

    private OutputLines() {}

    /** Calls {@code line} with every JSON line of every {@code *.jsonl} file directly in {@code directory}. */
    static long forEach(OutputStore store, String directory, Consumer<JsonNode> line) throws IOException {
        long lines = 0;
        for (String name : store.list(directory)) {
            if (!name.endsWith(".jsonl")) {
                continue;
            }
            String path = directory + "/" + name;
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(store.open(path, 0), StandardCharsets.UTF_8))) {
                String text;
                long number = 0;
                while ((text = reader.readLine()) != null) {
                    number++;
                    if (text.isBlank()) {
                        continue;
                    }
                    try {
                        line.accept(Json.MAPPER.readTree(text));
                    } catch (RuntimeException e) {
                        throw new IOException(
                                "line " + number + " of " + store.describe() + "/" + path + " is not JSON", e);
                    }
                    lines++;
                }
            }
        }
        return lines;
    }
}
