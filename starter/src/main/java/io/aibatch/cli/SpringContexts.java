package io.aibatch.cli;

import io.aibatch.runtime.AibatchApplication;
import io.aibatch.store.OutputPermissions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the application context for one command, once the command line says where the repository is. */
final class SpringContexts {

    private SpringContexts() {}

    /** For a manager (run, restart, status): enough connections for every slice thread. */
    static ConfigurableApplicationContext open(RepositoryOptions repository) {
        return open(repository, 10);
    }

    static ConfigurableApplicationContext open(RepositoryOptions repository, int poolSize) {
        Map<String, Object> properties = repository.springProperties(poolSize);
        Path workDir = repository.workDir.toAbsolutePath().normalize();
        try {
            // local state (the embedded job repository, worker logs) is this user's alone: created owner-only
            OutputPermissions.PRIVATE.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the work directory " + workDir, e);
        }
        WorkDirLock lock = repository.jobRepository == null ? WorkDirLock.acquire(workDir, commandLine()) : null;
        try {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(applicationClass())
                    .web(WebApplicationType.NONE)
                    .logStartupInfo(false)
                    // a SIGTERM must let the running job stop cleanly first (GracefulShutdown), so the
                    // context is closed by the command, not by Spring's own shutdown hook
                    .registerShutdownHook(false)
                    .properties(properties)
                    .run();
            restrictEmbeddedRepository(workDir);
            io.aibatch.runtime.ReportedFailuresFilter.install();
            if (lock != null) {
                context.addApplicationListener(
                        (org.springframework.context.event.ContextClosedEvent closed) -> lock.close());
            }
            return context;
        } catch (RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            if (rootMessage(e).contains("already in use")) {
                throw new IllegalStateException(
                        "the job repository in " + repository.describe()
                                + " is in use by another aibatch process; wait for it, or use another --work-dir",
                        e);
            }
            org.springframework.boot.context.properties.bind.BindException binding = innermost(e);
            if (binding != null) {
                // a value the settings refuse (e.g. aibatch.backends.openai.requests-per-minute: 0): one line naming
                // the
                // key and the rule, not Spring's "Error creating bean ..." chain
                throw new IllegalArgumentException(
                        "invalid configuration under " + binding.getName() + ": " + rootMessage(binding), e);
            }
            if (causedBy(e, java.sql.SQLException.class)) {
                // a wrong password or an unreachable database is an operator's mistake: one line naming the cause
                throw new IllegalStateException(
                        "could not open the job repository " + repository.describe() + ": "
                                + RunHistoryReader.deepestMessage(e),
                        e);
            }
            throw e;
        }
    }

    /** The binding failure closest to its cause: it names the most specific key. */
    private static org.springframework.boot.context.properties.bind.BindException innermost(Throwable e) {
        org.springframework.boot.context.properties.bind.BindException found = null;
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof org.springframework.boot.context.properties.bind.BindException binding) {
                found = binding;
            }
        }
        return found;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** The H2 files, also of a work directory created before directories were made owner-only. */
    private static void restrictEmbeddedRepository(Path workDir) {
        for (String name : new String[] {"jobrepository.mv.db", "jobrepository.trace.db"}) {
            Path file = workDir.resolve(name);
            try {
                if (Files.isRegularFile(file)) {
                    OutputPermissions.PRIVATE.restrict(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not make " + file + " owner-only", e);
            }
        }
    }

    /** The user's application ({@link AibatchCommand#run}) or the starter's default context. */
    static Class<?> applicationClass() {
        String name = System.getProperty(AibatchCommand.APPLICATION_PROPERTY);
        if (name == null || name.isBlank()) {
            return AibatchApplication.class;
        }
        try {
            return Class.forName(name, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(
                    "-D" + AibatchCommand.APPLICATION_PROPERTY + "=" + name + " names no class on the class path");
        }
    }

    private static String commandLine() {
        return ProcessHandle.current()
                .info()
                .arguments()
                .map(args -> {
                    // the subcommand, not the arguments (which could hold a URL with a token)
                    for (String arg : args) {
                        if (java.util.Set.of("run", "restart", "reprocess", "compare", "status", "worker", "k8s")
                                .contains(arg)) {
                            return "aibatch " + arg;
                        }
                    }
                    return "aibatch";
                })
                .orElse("aibatch");
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
