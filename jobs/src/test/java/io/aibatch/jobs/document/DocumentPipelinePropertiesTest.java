package io.aibatch.jobs.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The document job's settings live under its own prefix aibatch.document; the keys they had before (aibatch.enrichment,
 * aibatch.classify.*, aibatch.summarize.*) keep working through {@link LegacyDocumentKeys}, below a new key and above the
 * starter's packaged defaults, with one warning each; the IDE metadata names the new keys and the old ones as
 * deprecated.
 */
@ExtendWith(OutputCaptureExtension.class)
class DocumentPipelinePropertiesTest {

    @Test
    void theNewKeysBindWithoutAWarning(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start(
                Map.of(),
                "--aibatch.document.enrichment=false",
                "--aibatch.document.classify.engine=llm",
                "--aibatch.document.classify.labels[0].name=invoice",
                "--aibatch.document.classify.labels[0].description=a bill",
                "--aibatch.document.summarize.max-tokens=50")) {
            DocumentPipelineProperties settings = context.getBean(DocumentPipelineProperties.class);

            assertThat(settings.enrichment()).isFalse();
            assertThat(settings.classify().engine()).isEqualTo("llm");
            assertThat(settings.classify().definitions()).singleElement().satisfies(label -> assertThat(label.name())
                    .isEqualTo("invoice"));
            assertThat(settings.summarize().maxTokens()).isEqualTo(50);
            assertThat(settings.summarize().sentences()).isEqualTo(3);
        }

        assertThat(warnings(output)).isEmpty();
    }

    @Test
    void theShippedDefaultsBindUnderTheJobsPrefix() throws Exception {
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader()
                .load("application.yaml", new FileSystemResource(Path.of("../config/application.yaml")));
        DocumentPipelineProperties settings = new Binder(ConfigurationPropertySources.from(yaml))
                .bindOrCreate("aibatch.document", DocumentPipelineProperties.class);

        assertThat(settings.enrichment()).isTrue();
        assertThat(settings.classify().engine()).isEqualTo("embedded");
        assertThat(settings.classify().definitions()).hasSizeGreaterThan(3);
        assertThat(yaml.get(0).containsProperty("aibatch.enrichment")).isFalse();
        assertThat(yaml.get(0).containsProperty("aibatch.classify.engine")).isFalse();
    }

    @Test
    void legacyKeysOverTheirPackagedDefaultsWithOneWarningEach(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start(
                Map.of(),
                "--aibatch.enrichment=false",
                "--aibatch.classify.engine=llm",
                "--aibatch.classify.labels[0].name=invoice",
                "--aibatch.classify.labels[0].description=a bill",
                "--aibatch.classify.labels[1].name=letter",
                "--aibatch.classify.labels[1].description=a letter",
                "--aibatch.summarize.max-input-chars=1000")) {
            DocumentPipelineProperties settings = context.getBean(DocumentPipelineProperties.class);

            assertThat(settings.enrichment()).isFalse();
            assertThat(settings.classify().engine()).isEqualTo("llm");
            // the old list replaces the packaged six labels, as it did before the keys moved
            assertThat(settings.classify().definitions())
                    .extracting(label -> label.name())
                    .containsExactly("invoice", "letter");
            assertThat(settings.summarize().maxInputChars()).isEqualTo(1000);
            assertThat(settings.summarize().maxTokens())
                    .as("a packaged default")
                    .isEqualTo(200);
        }

        assertThat(warnings(output))
                .containsExactlyInAnyOrder(
                        "aibatch.enrichment is deprecated: use aibatch.document.enrichment",
                        "aibatch.classify.engine is deprecated: use aibatch.document.classify.engine",
                        "aibatch.classify.labels is deprecated: use aibatch.document.classify.labels",
                        "aibatch.summarize.max-input-chars is deprecated: use aibatch.document.summarize.max-input-chars");
    }

    @Test
    void legacyKeysAlsoWinOverTheRepositorysConfigFileTheDefaultsAreACopyOf(@TempDir Path dir, CapturedOutput output)
            throws Exception {
        // run from the repository's root, Spring Boot reads ./config/application.yaml as a file of the user's; here it
        // comes in through a location of its own, with the old keys in a --config file of lower precedence
        Path config = Files.writeString(dir.resolve("config.yaml"), "aibatch:\n  enrichment: false\n");
        try (ConfigurableApplicationContext context = start(
                Map.of(),
                "--spring.config.additional-location=file:" + config + ",file:"
                        + Path.of("../config/application.yaml").toAbsolutePath())) {
            assertThat(context.getBean(DocumentPipelineProperties.class).enrichment())
                    .isFalse();
        }

        assertThat(warnings(output))
                .containsExactly("aibatch.enrichment is deprecated: use aibatch.document.enrichment");
    }

    @Test
    void aNewKeyWinsOverALegacyKeyWhereverEachIsSet(@TempDir Path dir, CapturedOutput output) throws Exception {
        // the new key in a --config file, the old one on the command line (a source of higher precedence)
        Path config = Files.writeString(
                dir.resolve("config.yaml"), "aibatch:\n  document:\n    classify:\n      engine: embedded\n");
        try (ConfigurableApplicationContext context = start(
                Map.of(),
                "--spring.config.additional-location=file:" + config,
                "--aibatch.classify.engine=llm",
                "--aibatch.summarize.max-tokens=77")) {
            DocumentPipelineProperties settings = context.getBean(DocumentPipelineProperties.class);

            assertThat(settings.classify().engine()).isEqualTo("embedded");
            assertThat(settings.summarize().maxTokens()).isEqualTo(77);
        }

        assertThat(warnings(output))
                .containsExactlyInAnyOrder(
                        "aibatch.classify.engine is deprecated: use aibatch.document.classify.engine; it is ignored:"
                                + " aibatch.document.classify.engine is set too",
                        "aibatch.summarize.max-tokens is deprecated: use aibatch.document.summarize.max-tokens");
    }

    @Test
    void aLegacyEnvironmentVariableStillWorksAndNamesItsNewVariable(CapturedOutput output) {
        try (ConfigurableApplicationContext context =
                start(Map.of("AIBATCH_ENRICHMENT", "false", "AIBATCH_SUMMARIZE_MAXTOKENS", "42"))) {
            DocumentPipelineProperties settings = context.getBean(DocumentPipelineProperties.class);

            assertThat(settings.enrichment()).isFalse();
            assertThat(settings.summarize().maxTokens()).isEqualTo(42);
        }

        assertThat(warnings(output))
                .containsExactlyInAnyOrder(
                        "environment variable AIBATCH_ENRICHMENT is deprecated: use AIBATCH_DOCUMENT_ENRICHMENT"
                                + " (aibatch.document.enrichment)",
                        "environment variable AIBATCH_SUMMARIZE_MAXTOKENS is deprecated: use"
                                + " AIBATCH_DOCUMENT_SUMMARIZE_MAXTOKENS (aibatch.document.summarize.maxtokens)");
    }

    @Test
    void theNewEnvironmentVariableBindsWithoutAWarning(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start(Map.of("AIBATCH_DOCUMENT_ENRICHMENT", "false"))) {
            assertThat(context.getBean(DocumentPipelineProperties.class).enrichment())
                    .isFalse();
        }

        assertThat(warnings(output)).isEmpty();
    }

    @Test
    void aWorkerProcessMapsTheLegacyKeysWithoutRepeatingTheManagersWarnings(CapturedOutput output) {
        // a worker process or pod inherits the manager's environment and has the slice it runs
        try (ConfigurableApplicationContext context =
                start(Map.of("AIBATCH_ENRICHMENT", "false", LegacyDocumentKeys.WORKER_ENV, "3"))) {
            assertThat(context.getBean(DocumentPipelineProperties.class).enrichment())
                    .isFalse();
        }

        assertThat(warnings(output)).isEmpty();
    }

    @Test
    void theConfigurationProcessorDescribesTheNewKeysAndTheOldOnesAsDeprecated() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = JsonMapper.builder().build().readTree(in);
        }
        List<String> documentKeys = new ArrayList<>();
        Map<String, String> replacements = new HashMap<>();
        for (JsonNode property : metadata.get("properties")) {
            if (property.path("sourceType").asString().startsWith(DocumentPipelineProperties.class.getName())) {
                documentKeys.add(property.get("name").asString());
            }
            if (property.has("deprecation")) {
                replacements.put(
                        property.get("name").asString(),
                        property.at("/deprecation/replacement").asString());
            }
        }

        assertThat(documentKeys)
                .containsExactlyInAnyOrder(
                        "aibatch.document.enrichment",
                        "aibatch.document.classify.engine",
                        "aibatch.document.classify.labels",
                        "aibatch.document.summarize.sentences",
                        "aibatch.document.summarize.max-input-chars",
                        "aibatch.document.summarize.max-tokens");
        assertThat(replacements)
                .containsEntry("aibatch.enrichment", "aibatch.document.enrichment")
                .containsEntry("aibatch.classify.engine", "aibatch.document.classify.engine")
                .containsEntry("aibatch.classify.labels", "aibatch.document.classify.labels")
                .containsEntry("aibatch.summarize.sentences", "aibatch.document.summarize.sentences")
                .containsEntry("aibatch.summarize.max-input-chars", "aibatch.document.summarize.max-input-chars")
                .containsEntry("aibatch.summarize.max-tokens", "aibatch.document.summarize.max-tokens");
    }

    /**
     * A Spring Boot application as the CLI starts one (the environment post-processors registered in
     * META-INF/spring.factories, the starter's packaged defaults), binding only the document job's settings.
     */
    private static ConfigurableApplicationContext start(Map<String, String> environmentVariables, String... args) {
        StandardEnvironment environment = new StandardEnvironment();
        Map<String, Object> variables = new HashMap<>(environment.getSystemEnvironment());
        variables.keySet().removeIf(name -> name.startsWith("AIBATCH_") || name.equals(LegacyDocumentKeys.WORKER_ENV));
        variables.putAll(environmentVariables);
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return new SpringApplicationBuilder(DocumentSettingsOnly.class)
                .environment(environment)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .registerShutdownHook(false)
                .run(args);
    }

    /** The WARN lines of {@link LegacyDocumentKeys}, without the log pattern's time and logger. */
    private static List<String> warnings(CapturedOutput output) {
        return output.getAll()
                .lines()
                .filter(line -> line.contains(" WARN ") && line.contains(LegacyDocumentKeys.class.getSimpleName()))
                .map(line -> line.substring(line.indexOf(LegacyDocumentKeys.class.getSimpleName())
                                + LegacyDocumentKeys.class.getSimpleName().length())
                        .strip())
                // the separator before the message is the log pattern's (Spring Boot's ':', a module's own '--')
                .map(line -> line.replaceFirst("^(:|--)\\s*", ""))
                .map(line -> line.replaceAll(" \\(in .*\\)$", ""))
                .toList();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DocumentPipelineProperties.class)
    static class DocumentSettingsOnly {}
}
