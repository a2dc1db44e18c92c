package io.aibatch.cli;

import io.aibatch.runtime.JsonExecutionContexts;
import io.aibatch.runtime.RepositoryDescription;
import io.aibatch.runtime.RunHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Reads the job repository over one JDBC connection, without an application context: {@code status} only reads a
 * few rows, and starting every job's beans for it cost seconds per call (a CronJob or an operator polling it pays that
 * each time). Never creates a repository: a work dir without one has no runs.
 */
final class RunHistoryReader implements AutoCloseable {

    private static final String EMBEDDED_FILE = "jobrepository.mv.db";

    private final SingleConnectionDataSource dataSource;
    private final RunHistory history;
    private final WorkDirLock lock;

    private RunHistoryReader(SingleConnectionDataSource dataSource, RunHistory history, WorkDirLock lock) {
        this.dataSource = dataSource;
        this.history = history;
        this.lock = lock;
    }

    /** The repository's runs, or empty when the work dir has no embedded repository yet. */
    static Optional<RunHistoryReader> open(RepositoryOptions repository, String command) {
        Path workDir = repository.workDir.toAbsolutePath().normalize();
        boolean embedded = repository.jobRepository == null;
        if (embedded && !Files.isRegularFile(workDir.resolve(EMBEDDED_FILE))) {
            return Optional.empty();
        }
        // the embedded (H2 file) repository admits one process: the same lock as a run's, with the same message
        WorkDirLock lock = embedded ? WorkDirLock.acquire(workDir, command) : null;
        try {
            Map<String, Object> properties = repository.springProperties(1);
            SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
                    (String) properties.get("spring.datasource.url"),
                    (String) properties.get("spring.datasource.username"),
                    (String) properties.get("spring.datasource.password"),
                    true);
            JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
            factory.setDataSource(dataSource);
            factory.setTransactionManager(new JdbcTransactionManager(dataSource));
            factory.setSerializer(new JsonExecutionContexts());
            factory.afterPropertiesSet();
            JobRepository jobRepository = factory.getObject();
            return Optional.of(new RunHistoryReader(
                    dataSource, new RunHistory(jobRepository, new RepositoryDescription(repository.describe())), lock));
        } catch (Exception e) {
            if (lock != null) {
                lock.close();
            }
            throw new IllegalStateException(
                    "could not open the job repository " + repository.describe() + ": " + deepestMessage(e), e);
        }
    }

    /**
     * A query on the history; a repository whose tables were never created (a new shared database) has no runs.
     */
    <T> T read(Function<RunHistory, T> query, T whenNoTables) {
        try {
            return query.apply(history);
        } catch (DataAccessException e) {
            if (missingTables(e)) {
                return whenNoTables;
            }
            throw e;
        }
    }

    private static boolean missingTables(DataAccessException e) {
        String message = SpringContexts.rootMessage(e).toLowerCase(java.util.Locale.ROOT);
        return message.contains("batch_job_instance")
                && (message.contains("not found") || message.contains("does not exist"));
    }

    /** The innermost cause that says something (a driver's own message is the useful one; some wrappers have none). */
    static String deepestMessage(Throwable e) {
        String message = String.valueOf(e.getMessage());
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                message = cause.getMessage();
            }
        }
        return message;
    }

    @Override
    public void close() {
        dataSource.destroy();
        if (lock != null) {
            lock.close();
        }
    }
}
