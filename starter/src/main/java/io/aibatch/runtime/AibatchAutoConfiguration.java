package io.aibatch.runtime;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What the starter gives every application: the run machinery (planning, slices, partition handlers, the job
 * repository's use, reports, metrics, preflight) and the shipped engines. Jobs add their {@link Pipeline} and
 * {@code Job} beans, in their own auto-configuration or in the application's configuration.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration")
@EnableConfigurationProperties(AibatchProperties.class)
@Import({
    RunInfrastructureConfiguration.class,
    RunStepsConfiguration.class,
    EngineConfiguration.class,
    RunLauncher.class,
    Preflight.class,
    ResultSinks.class
})
public class AibatchAutoConfiguration {

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
        io.aibatch.store.OutputPermissions permissions =
                io.aibatch.store.OutputPermissions.parse(properties.output().permissions());
        io.aibatch.store.OutputPermissions.use(permissions);
        return permissions;
    }
}
