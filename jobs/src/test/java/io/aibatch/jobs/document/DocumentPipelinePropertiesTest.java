package io.aibatch.jobs.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The document job's settings keep the keys users' configuration files have, and the IDE metadata names them. */
class DocumentPipelinePropertiesTest {

    @Test
    void theKeysTheStarterUsedToBindStillBind() {
        DocumentPipelineProperties settings = bind(new MapConfigurationPropertySource(Map.of(
                "aibatch.enrichment", "false",
                "aibatch.classify.engine", "llm",
                "aibatch.classify.labels[0].name", "invoice",
                "aibatch.classify.labels[0].description", "a bill",
                "aibatch.summarize.max-tokens", "50")));

        assertThat(settings.enrichment()).isFalse();
        assertThat(settings.classify().engine()).isEqualTo("llm");
        assertThat(settings.classify().definitions()).singleElement().satisfies(label -> assertThat(label.name())
                .isEqualTo("invoice"));
        assertThat(settings.summarize().maxTokens()).isEqualTo(50);
        assertThat(settings.summarize().sentences()).isEqualTo(3);
    }

    @Test
    void theShippedDefaultsBind() throws Exception {
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader()
                .load("application.yaml", new FileSystemResource(Path.of("../config/application.yaml")));
        DocumentPipelineProperties settings = new Binder(ConfigurationPropertySources.from(yaml))
                .bindOrCreate("aibatch", DocumentPipelineProperties.class);

        assertThat(settings.enrichment()).isTrue();
        assertThat(settings.classify().engine()).isEqualTo("embedded");
        assertThat(settings.classify().definitions()).hasSizeGreaterThan(3);
    }

    @Test
    void theConfigurationProcessorDescribesThem() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = JsonMapper.builder().build().readTree(in);
        }
        List<String> documentKeys = new ArrayList<>();
        for (JsonNode property : metadata.get("properties")) {
            if (property.path("sourceType").asString().startsWith(DocumentPipelineProperties.class.getName())) {
                documentKeys.add(property.get("name").asString());
            }
        }

        assertThat(documentKeys)
                .contains(
                        "aibatch.enrichment",
                        "aibatch.classify.engine",
                        "aibatch.classify.labels",
                        "aibatch.summarize.sentences",
                        "aibatch.summarize.max-input-chars",
                        "aibatch.summarize.max-tokens");
    }

    private static DocumentPipelineProperties bind(MapConfigurationPropertySource source) {
        return new Binder(source).bindOrCreate("aibatch", DocumentPipelineProperties.class);
    }
}
