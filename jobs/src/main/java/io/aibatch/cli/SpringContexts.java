package io.aibatch.cli;

import io.aibatch.jobs.AibatchApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;

/** Starts the application context for one command, once the command line says where the repository is. */
final class SpringContexts {

    private SpringContexts() {
    }

    static ConfigurableApplicationContext open(RepositoryOptions repository) {
        Map<String, Object> properties = repository.springProperties();
        try {
            return new SpringApplicationBuilder(AibatchApplication.class)
                    .web(WebApplicationType.NONE)
                    .logStartupInfo(false)
                    .properties(properties)
                    .run();
        } catch (RuntimeException e) {
            if (rootMessage(e).contains("already in use")) {
                throw new IllegalStateException("the job repository in " + repository.describe()
                        + " is in use by another aibatch process; wait for it, or use another --work-dir", e);
            }
            throw e;
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
