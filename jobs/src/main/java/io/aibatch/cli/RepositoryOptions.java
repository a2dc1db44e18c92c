package io.aibatch.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where the job repository lives: shared by every command that reads or writes runs. */
public final class RepositoryOptions {

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = ".aibatch",
            description = "Directory holding the embedded (H2) job repository. Default: ${DEFAULT-VALUE}")
    Path workDir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Extra configuration file (YAML or properties) layered over the defaults.")
    Path config;

    Map<String, Object> springProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        Path dir = workDir.toAbsolutePath().normalize();
        properties.put("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("jobrepository") + ";WRITE_DELAY=0");
        properties.put("spring.datasource.username", "sa");
        properties.put("spring.datasource.password", "");
        properties.put("spring.datasource.hikari.maximum-pool-size", 10);
        if (config != null) {
            properties.put("spring.config.additional-location", "file:" + config.toAbsolutePath());
        }
        return properties;
    }

    String describe() {
        return workDir.toAbsolutePath().normalize().toString();
    }
}
