package io.aibatch.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The starter's defaults (config/application.yaml of the aibatch repository, packaged as
 * {@code io/aibatch/application.yaml}) as the LOWEST-precedence property source: an application's own
 * {@code application.yaml}, {@code --config} files, environment and system properties all override them, and the
 * application keeps its own {@code application.yaml} on the class path.
 */
public class AibatchDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "io/aibatch/application.yaml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        ClassPathResource defaults = new ClassPathResource(RESOURCE, AibatchDefaults.class.getClassLoader());
        if (!defaults.exists() || environment.getPropertySources().contains("aibatch-defaults")) {
            return;
        }
        try {
            List<PropertySource<?>> documents = new YamlPropertySourceLoader().load("aibatch-defaults", defaults);
            documents.forEach(document -> environment.getPropertySources().addLast(document));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the aibatch defaults " + RESOURCE, e);
        }
    }
}
