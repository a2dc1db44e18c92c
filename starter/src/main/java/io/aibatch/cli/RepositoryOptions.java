package io.aibatch.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the job repository lives: shared by every command that reads or writes runs. */
public final class RepositoryOptions {

    static final String USERNAME_ENV = "AIBATCH_JOB_REPOSITORY_USERNAME";
    static final String PASSWORD_ENV = "AIBATCH_JOB_REPOSITORY_PASSWORD";

    @Option(
            names = "--work-dir",
            paramLabel = "DIR",
            defaultValue = ".aibatch",
            description =
                    "Directory for local state: the embedded (H2) job repository and worker logs. Default: ${DEFAULT-VALUE}")
    Path workDir;

    @Option(
            names = "--job-repository",
            paramLabel = "JDBC-URL",
            description =
                    "A shared job repository, e.g. jdbc:postgresql://db:5432/aibatch (schema created when missing). "
                            + "Credentials from " + USERNAME_ENV + " / " + PASSWORD_ENV
                            + ". Default: H2 in --work-dir.")
    String jobRepository;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Extra configuration file (YAML or properties) layered over the defaults.")
    Path config;

    /** Spring properties for a context; {@code poolSize} connections at most (workers need few). */
    Map<String, Object> springProperties(int poolSize) {
        Map<String, Object> properties = new LinkedHashMap<>();
        Path dir = workDir.toAbsolutePath().normalize();
        if (jobRepository == null) {
            // DB_CLOSE_ON_EXIT=FALSE: on SIGTERM, H2's own shutdown hook must not close the repository while the steps
            // are
            // still stopping and the report is being written (GracefulShutdown waits for them)
            properties.put(
                    "spring.datasource.url",
                    "jdbc:h2:file:" + dir.resolve("jobrepository") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
            properties.put("spring.datasource.username", "sa");
            properties.put("spring.datasource.password", "");
        } else {
            properties.put("spring.datasource.url", jobRepository);
            putIfSet(properties, "spring.datasource.username", System.getenv(USERNAME_ENV));
            putIfSet(properties, "spring.datasource.password", System.getenv(PASSWORD_ENV));
        }
        properties.put("spring.datasource.hikari.maximum-pool-size", poolSize);
        // a context that cannot start is reported by the command in one line (ErrorReporter; --verbose adds the stack
        // trace), not also by Spring as an ERROR with the whole trace
        properties.put("logging.level.org.springframework.boot.SpringApplication", "off");
        properties.put(
                "logging.level.org.springframework.context.annotation.AnnotationConfigApplicationContext", "error");
        // the synchronous Azure OpenAI client (the batch client's) logs every refused call at ERROR, also the
        // token_limit_exceeded the batch client backs off from; the batch client reports what it could not overcome
        properties.put("logging.level.com.azure.ai.openai.OpenAIClient", "off");
        // reactor-netty (JsonPoster, openai-batch's client) logs a reply timeout or a reset connection at WARN with its
        // trace; the backend executor retries the request and dead-letters it with the reason if it cannot succeed
        properties.put("logging.level.reactor.netty.http.client.HttpClientConnect", "error");
        properties.put("aibatch.work-directory", dir.toString());
        if (config != null) {
            properties.put("spring.config.additional-location", "file:" + config.toAbsolutePath());
        }
        properties.put("aibatch.worker-arguments", String.join(",", workerArguments()));
        return properties;
    }

    /** The same repository and configuration, as arguments for a worker process. */
    List<String> workerArguments() {
        List<String> arguments = new ArrayList<>(
                List.of("--work-dir", workDir.toAbsolutePath().normalize().toString()));
        if (jobRepository != null) {
            arguments.addAll(List.of("--job-repository", jobRepository));
        }
        if (config != null) {
            arguments.addAll(List.of("--config", config.toAbsolutePath().toString()));
        }
        return arguments;
    }

    /** The same work dir and configuration with the embedded repository: for commands that only need configuration. */
    RepositoryOptions withoutSharedRepository() {
        RepositoryOptions local = new RepositoryOptions();
        local.workDir = workDir;
        local.config = config;
        return local;
    }

    String describe() {
        return jobRepository != null
                ? jobRepository.replaceAll("(?i)(password=)[^&;]*", "$1****")
                : workDir.toAbsolutePath().normalize().toString();
    }

    private static void putIfSet(Map<String, Object> properties, String key, String value) {
        if (value != null && !value.isBlank()) {
            properties.put(key, value);
        }
    }
}
