package io.aibatch.runtime;

import io.aibatch.json.Json;
import io.aibatch.store.OutputStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** Reads what a run wrote: result lines, dead-letter lines and the report. */
record RunOutput(List<JsonNode> results, List<JsonNode> deadLetters, JsonNode report) {

    static RunOutput read(Path output) throws IOException {
        JsonNode report = Files.exists(output.resolve("report.json"))
                ? Json.MAPPER.readTree(output.resolve("report.json").toFile())
                : null;
        return new RunOutput(lines(output.resolve("results")), lines(output.resolve("dead-letter")), report);
    }

    /** What a run wrote to any output store (a blob container, for instance). */
    static RunOutput read(OutputStore store) throws IOException {
        JsonNode report = store.exists("report.json") ? readTree(store, "report.json") : null;
        return new RunOutput(lines(store, "results"), lines(store, "dead-letter"), report);
    }

    private static JsonNode readTree(OutputStore store, String path) throws IOException {
        try (InputStream in = store.open(path, 0)) {
            return Json.MAPPER.readTree(in);
        }
    }

    private static List<JsonNode> lines(OutputStore store, String directory) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String name : store.list(directory)) {
            if (name.endsWith(".jsonl")) {
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(store.open(directory + "/" + name, 0), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        if (!line.isBlank()) {
                            lines.add(Json.MAPPER.readTree(line));
                        }
                    }
                }
            }
        }
        return lines;
    }

    /** How many times each source appears across results and dead-letters. */
    Map<String, Integer> occurrencesBySource() {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode line : results) {
            counts.merge(line.get("source").asString(), 1, Integer::sum);
        }
        for (JsonNode line : deadLetters) {
            counts.merge(line.get("source").asString(), 1, Integer::sum);
        }
        return counts;
    }

    Map<String, JsonNode> resultsByName() {
        Map<String, JsonNode> byName = new HashMap<>();
        results.forEach(line -> byName.put(line.get("name").asString(), line));
        return byName;
    }

    private static List<JsonNode> lines(Path directory) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return lines;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .sorted()
                    .toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        lines.add(Json.MAPPER.readTree(line));
                    }
                }
            }
        }
        return lines;
    }
}
