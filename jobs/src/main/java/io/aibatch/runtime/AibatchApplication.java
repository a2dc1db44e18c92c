package io.aibatch.runtime;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The Spring context of one CLI command. It is started by {@link io.aibatch.cli.AibatchCommand}, never on its own. */
@SpringBootApplication
@EnableConfigurationProperties(AibatchProperties.class)
public class AibatchApplication {

    @Bean
    RepositoryDescription repositoryDescription(@Value("${spring.datasource.url}") String url) {
        // JDBC URLs may carry credentials as parameters; messages must never show them
        return new RepositoryDescription(url.replaceAll("(?i)(password|pwd)=[^;&]*", "$1=****"));
    }

    /** Execution contexts as JSON, not Java serialization (Spring Boot's batch configuration picks this bean up). */
    @Bean
    org.springframework.batch.core.repository.ExecutionContextSerializer executionContextSerializer() {
        return new JsonExecutionContexts();
    }

    /** aibatch.output.permissions, for every local output this process writes (set before any run starts). */
    @Bean
    io.aibatch.store.OutputPermissions outputPermissions(AibatchProperties properties) {
        io.aibatch.store.OutputPermissions permissions = io.aibatch.store.OutputPermissions.parse(properties.output().permissions());
        io.aibatch.store.OutputPermissions.use(permissions);
        return permissions;
    }
}
