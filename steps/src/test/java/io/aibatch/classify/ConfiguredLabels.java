package io.aibatch.classify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The labels shipped in config/application.yaml, so tests measure what a run uses. */
public final class ConfiguredLabels {

    private ConfiguredLabels() {}

    public static List<LabelDefinition> load() {
        JsonNode root = new YAMLMapper()
                .readTree(Path.of("..", "config", "application.yaml").toFile());
        List<LabelDefinition> labels = new ArrayList<>();
        for (JsonNode label : root.at("/aibatch/document/classify/labels")) {
            labels.add(new LabelDefinition(
                    label.get("name").asString(),
                    label.get("description").asString(),
                    label.has("min-score") ? label.get("min-score").asDouble() : 0));
        }
        return labels;
    }
}
