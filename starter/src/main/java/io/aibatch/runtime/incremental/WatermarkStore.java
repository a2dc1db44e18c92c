package io.aibatch.runtime.incremental;

import io.aibatch.incremental.Watermark;
import io.aibatch.item.ItemIds;
import io.aibatch.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watermarks of incremental runs, one row per (job, source) in table {@code AIBATCH_WATERMARK} of the job
 * repository, created on first use ({@code CREATE TABLE IF NOT EXISTS}, portable between H2 and PostgreSQL).
 * The row's {@code STATE} holds the whole {@link Watermark} as JSON; the other columns are there for people who
 * look at the table (and to reset a schedule: delete its row).
 * <p>
 * A table of its own rather than the completed run's ExecutionContext: the next run finds its watermark with one
 * primary-key read instead of searching executions by their input parameter, the boundary set does not bloat the
 * execution contexts Spring Batch loads with every run, and advancing is one row lock, so two runs that complete
 * at the same time merge their watermarks instead of one overwriting the other.
 */
public final class WatermarkStore {

    static final String TABLE = "AIBATCH_WATERMARK";
    private static final String CREATE =
            """
            CREATE TABLE IF NOT EXISTS AIBATCH_WATERMARK (
                JOB_NAME VARCHAR(100) NOT NULL,
                SOURCE_KEY CHAR(64) NOT NULL,
                SOURCE VARCHAR(2500) NOT NULL,
                RUN_ID VARCHAR(250) NOT NULL,
                SINCE VARCHAR(40) NOT NULL,
                UPDATED_AT VARCHAR(40) NOT NULL,
                STATE TEXT NOT NULL,
                PRIMARY KEY (JOB_NAME, SOURCE_KEY))""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private volatile boolean tableReady;

    public WatermarkStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public Optional<Watermark> find(String jobName, String source) {
        ensureTable();
        List<String> states = jdbc.queryForList(
                "SELECT STATE FROM " + TABLE + " WHERE JOB_NAME = ? AND SOURCE_KEY = ?",
                String.class,
                jobName,
                key(source));
        return states.stream().findFirst().map(state -> Json.MAPPER.readValue(state, Watermark.class));
    }

    /**
     * Merges {@code next} into the stored watermark of (job, source) under a row lock and returns what is stored
     * now. Joins the caller's transaction when there is one (the watermark step's), so the watermark and the step's
     * completion commit together.
     *
     * @throws DuplicateKeyException when another run stored the first watermark of this (job, source) at the same
     *                               moment; the step fails and a restart merges
     */
    public Watermark advance(String jobName, String source, Watermark next) {
        ensureTable();
        String key = key(source);
        return transactions.execute(status -> {
            List<String> current = jdbc.queryForList(
                    "SELECT STATE FROM " + TABLE + " WHERE JOB_NAME = ? AND SOURCE_KEY = ? FOR UPDATE",
                    String.class,
                    jobName,
                    key);
            Watermark merged =
                    current.isEmpty() ? next : next.mergedWith(Json.MAPPER.readValue(current.get(0), Watermark.class));
            String state = Json.MAPPER.writeValueAsString(merged);
            String now = Instant.now().toString();
            if (current.isEmpty()) {
                jdbc.update(
                        "INSERT INTO " + TABLE
                                + " (JOB_NAME, SOURCE_KEY, SOURCE, RUN_ID, SINCE, UPDATED_AT, STATE) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        jobName,
                        key,
                        source,
                        merged.runId(),
                        merged.since().toString(),
                        now,
                        state);
            } else {
                jdbc.update(
                        "UPDATE " + TABLE
                                + " SET RUN_ID = ?, SINCE = ?, UPDATED_AT = ?, STATE = ? WHERE JOB_NAME = ? AND SOURCE_KEY = ?",
                        merged.runId(),
                        merged.since().toString(),
                        now,
                        state,
                        jobName,
                        key);
            }
            return merged;
        });
    }

    /** Forgets the watermark of (job, source): its next incremental run processes everything again. */
    public boolean reset(String jobName, String source) {
        ensureTable();
        return jdbc.update("DELETE FROM " + TABLE + " WHERE JOB_NAME = ? AND SOURCE_KEY = ?", jobName, key(source)) > 0;
    }

    private void ensureTable() {
        if (!tableReady) {
            jdbc.execute(CREATE);
            tableReady = true;
        }
    }

    /** Sources are URLs of any length; the key is their SHA-256 so that it fits an index. */
    static String key(String source) {
        return ItemIds.sha256Hex(source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
