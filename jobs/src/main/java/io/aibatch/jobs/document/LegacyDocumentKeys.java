package io.aibatch.jobs.document;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Keeps the document-pipeline job's old keys working: {@code aibatch.enrichment}, {@code aibatch.classify.*} and
 * {@code aibatch.summarize.*}, from any file, system property or environment variable ({@code AIBATCH_ENRICHMENT}),
 * are copied to their names under {@value DocumentPipelineProperties#PREFIX} into one property source placed just
 * above the starter's packaged defaults (and above the repository's config/application.yaml they are a copy of). So a
 * new key the user sets anywhere wins over an old one, and an old one wins over the packaged default. Spring's binder
 * does not merge lists across property sources, so old {@code aibatch.classify.labels} replace the defaults' labels as
 * they always did.
 *
 * <p>Each old key in use is logged once at WARN with its new name. Worker processes and pods (they have
 * {@value #WORKER_ENV}, set by the process partition handler and by a Kubernetes Indexed Job) inherit the manager's
 * configuration and would only repeat the manager's warnings, so they log them at DEBUG.
 *
 * <p>Spring Boot's {@code spring-boot-properties-migrator} does the copying too, but places each copy just above the
 * source it came from, so an old key in the environment would beat a new key in a file, and it prints its report in
 * every worker process.
 */
public class LegacyDocumentKeys implements EnvironmentPostProcessor, Ordered {

    /** The property source with the copies. */
    static final String SOURCE_NAME = "aibatch-document-legacy-keys";

    /** Set only in a worker process or pod: the slice it runs. */
    static final String WORKER_ENV = "JOB_COMPLETION_INDEX";

    /** The starter's packaged defaults ({@code io.aibatch.runtime.AibatchDefaults}): they carry the new keys. */
    private static final String DEFAULTS_SOURCE = "aibatch-defaults";

    private static final String PACKAGED_DEFAULTS = "io/aibatch/application.yaml";

    private static final ConfigurationPropertyName NEW_ROOT =
            ConfigurationPropertyName.of(DocumentPipelineProperties.PREFIX);

    private static final List<ConfigurationPropertyName> LEGACY = Stream.of(
                    "aibatch.enrichment", "aibatch.classify", "aibatch.summarize")
            .map(ConfigurationPropertyName::of)
            .toList();

    private final Log log;

    public LegacyDocumentKeys(DeferredLogFactory logs) {
        this.log = logs.getLog(LegacyDocumentKeys.class);
    }

    /** After Spring Boot's config data processor: application.yaml and --config files are in the environment. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        MutablePropertySources sources = environment.getPropertySources();
        if (sources.contains(SOURCE_NAME)) {
            return;
        }
        Map<String, Object> copies = new LinkedHashMap<>();
        Map<ConfigurationPropertyName, @Nullable Origin> used = new LinkedHashMap<>();
        Set<ConfigurationPropertyName> newKeys = new LinkedHashSet<>();
        byte[] packaged = packagedDefaults();
        List<String> defaults = sources.stream()
                .filter(source -> isPackagedDefaults(source, packaged))
                .map(PropertySource::getName)
                .toList();
        for (PropertySource<?> source : sources) {
            if (defaults.contains(source.getName())
                    || !(ConfigurationPropertySource.from(source)
                            instanceof IterableConfigurationPropertySource names)) {
                continue;
            }
            names.stream().forEach(name -> {
                if (NEW_ROOT.isAncestorOf(name)) {
                    newKeys.add(name);
                }
                ConfigurationProperty property = isLegacy(name) ? names.getConfigurationProperty(name) : null;
                if (property == null || property.getValue() == null) {
                    return;
                }
                ConfigurationPropertyName renamed = renamed(name);
                copies.putIfAbsent(
                        renamed.toString(), OriginTrackedValue.of(property.getValue(), property.getOrigin()));
                used.putIfAbsent(key(name), property.getOrigin());
            });
        }
        if (copies.isEmpty()) {
            return;
        }
        PropertySource<?> mapped = new OriginTrackedMapPropertySource(SOURCE_NAME, copies, true);
        if (defaults.isEmpty()) {
            sources.addLast(mapped); // the starter's defaults, when they come later, are added after it
        } else {
            sources.addBefore(defaults.get(0), mapped);
        }
        boolean worker = environment.getProperty(WORKER_ENV) != null;
        used.forEach((key, origin) -> {
            ConfigurationPropertyName replacement = renamed(key);
            boolean ignored =
                    newKeys.stream().anyMatch(set -> replacement.equals(set) || replacement.isAncestorOf(set));
            String warning = warning(key, replacement, ignored, origin);
            if (worker) {
                log.debug(warning);
            } else {
                log.warn(warning);
            }
        });
    }

    /**
     * The starter's packaged defaults, and the repository's config/application.yaml they are a copy of: Spring Boot
     * reads ./config/application.yaml as a configuration file of the user's when aibatch runs from the repository's
     * root, but its keys are the defaults, and an old key of the user's must win over them.
     */
    private static boolean isPackagedDefaults(PropertySource<?> source, byte @Nullable [] packaged) {
        if (source.getName().startsWith(DEFAULTS_SOURCE)) {
            return true;
        }
        if (packaged == null
                || !(source instanceof OriginLookup<?>)
                || !(source instanceof EnumerablePropertySource<?> enumerable)
                || enumerable.getPropertyNames().length == 0) {
            return false;
        }
        @SuppressWarnings("unchecked")
        Origin origin = ((OriginLookup<String>) source).getOrigin(enumerable.getPropertyNames()[0]);
        if (!(origin instanceof TextResourceOrigin text)
                || text.getResource() == null
                || !"application.yaml".equals(text.getResource().getFilename())) {
            return false;
        }
        try (InputStream in = text.getResource().getInputStream()) {
            return Arrays.equals(in.readAllBytes(), packaged);
        } catch (IOException e) {
            return false; // not readable now: the user's
        }
    }

    private static byte @Nullable [] packagedDefaults() {
        ClassPathResource resource =
                new ClassPathResource(PACKAGED_DEFAULTS, LegacyDocumentKeys.class.getClassLoader());
        try (InputStream in = resource.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            return null; // an application without the starter's defaults
        }
    }

    private static boolean isLegacy(ConfigurationPropertyName name) {
        return LEGACY.stream().anyMatch(legacy -> legacy.equals(name) || legacy.isAncestorOf(name));
    }

    /** aibatch.classify.engine -> aibatch.document.classify.engine */
    private static ConfigurationPropertyName renamed(ConfigurationPropertyName legacy) {
        return NEW_ROOT.append(legacy.subName(1));
    }

    /** The key a user wrote: a list's elements ({@code aibatch.classify.labels[0].name}) count as the list. */
    private static ConfigurationPropertyName key(ConfigurationPropertyName name) {
        for (int i = 0; i < name.getNumberOfElements(); i++) {
            if (name.isNumericIndex(i)) {
                return name.chop(i);
            }
        }
        return name;
    }

    /** The variable's name when the value came from the environment. */
    private static @Nullable String environmentVariable(@Nullable Origin origin) {
        if (origin instanceof PropertySourceOrigin property) {
            if (property.getOrigin() instanceof SystemEnvironmentOrigin variable) {
                return variable.getProperty();
            }
            return property.getPropertySource() instanceof SystemEnvironmentPropertySource
                    ? property.getPropertyName()
                    : null;
        }
        return origin instanceof SystemEnvironmentOrigin variable ? variable.getProperty() : null;
    }

    private static String warning(
            ConfigurationPropertyName key,
            ConfigurationPropertyName replacement,
            boolean ignored,
            @Nullable Origin origin) {
        String unused = ignored ? "; it is ignored: " + replacement + " is set too" : "";
        String variable = environmentVariable(origin);
        if (variable != null) {
            // AIBATCH_ENRICHMENT -> AIBATCH_DOCUMENT_ENRICHMENT (the legacy names all start with "aibatch.")
            String newVariable = "AIBATCH_DOCUMENT_" + variable.substring("AIBATCH_".length());
            return "environment variable " + variable + " is deprecated: use " + newVariable + " (" + replacement + ")"
                    + unused;
        }
        return key + " is deprecated: use " + replacement + unused + (origin == null ? "" : " (in " + origin + ")");
    }
}
