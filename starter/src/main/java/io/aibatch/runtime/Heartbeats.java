package io.aibatch.runtime;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Proof of life of the processes working on a run, independent of chunk commits (a slow chunk is not death):
 * managers and workers each keep a row in {@code AIBATCH_HEARTBEAT} whose beat counter a scheduled thread advances
 * every {@code interval}. {@code restart} reads the counters: none, or none advancing within {@code lapse}, means the
 * processes are gone and the run may be recovered; counters that keep advancing mean it is alive elsewhere, and
 * restart refuses (unless {@code --force}). Counters, not clocks, so hosts with skewed clocks cannot fool it. A process
 * that ends cleanly deletes its row.
 */
public final class Heartbeats implements JobExecutionListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);
    static final String TABLE = "AIBATCH_HEARTBEAT";
    private static final String CREATE =
            """
            CREATE TABLE IF NOT EXISTS AIBATCH_HEARTBEAT (
                RUN_ID VARCHAR(250) NOT NULL,
                PROCESS VARCHAR(250) NOT NULL,
                BEATS BIGINT NOT NULL,
                PRIMARY KEY (RUN_ID, PROCESS))""";

    private final JdbcTemplate jdbc;
    private final Duration interval;
    private final Duration lapse;
    private final String process;
    private final ScheduledExecutorService scheduler;
    private final Map<String, ScheduledFuture<?>> beating = new ConcurrentHashMap<>();
    private volatile boolean created;
    private boolean exclusiveRepository;

    /**
     * @param interval how often a living process beats
     * @param lapse    how long without a beat means the process is gone (a few intervals)
     */
    public Heartbeats(JdbcTemplate jdbc, Duration interval, Duration lapse) {
        this.jdbc = jdbc;
        this.interval = interval;
        this.lapse = lapse;
        this.process = processName();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The embedded repository is locked by this very process (see the --work-dir lock): any heartbeat in it belongs
     * to a process that is gone, so {@link #awaitSilence} need not wait.
     */
    public Heartbeats exclusive(boolean exclusiveRepository) {
        this.exclusiveRepository = exclusiveRepository;
        return this;
    }

    /** e.g. {@code 4711@host} (what ProcessHandle and the host name say), plus a role. */
    static String processName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return ProcessHandle.current().pid() + "@" + host;
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        start(RunParameters.from(jobExecution.getJobParameters()).runId(), "manager");
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        stop(RunParameters.from(jobExecution.getJobParameters()).runId(), "manager");
    }

    /** Starts beating for {@code runId} as {@code role} (manager, slice-0003). */
    public void start(String runId, String role) {
        String name = process + " " + role;
        createTable();
        beat(runId, name);
        beating.put(
                runId + "\n" + name,
                scheduler.scheduleWithFixedDelay(
                        () -> beat(runId, name), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS));
    }

    public void stop(String runId, String role) {
        String name = process + " " + role;
        ScheduledFuture<?> task = beating.remove(runId + "\n" + name);
        if (task != null) {
            task.cancel(false);
            try {
                jdbc.update("DELETE FROM " + TABLE + " WHERE RUN_ID = ? AND PROCESS = ?", runId, name);
            } catch (DataAccessException e) {
                log.debug("could not remove the heartbeat of {}: {}", name, e.toString());
            }
        }
    }

    private void beat(String runId, String name) {
        try {
            if (jdbc.update("UPDATE " + TABLE + " SET BEATS = BEATS + 1 WHERE RUN_ID = ? AND PROCESS = ?", runId, name)
                    == 0) {
                jdbc.update("INSERT INTO " + TABLE + " (RUN_ID, PROCESS, BEATS) VALUES (?, ?, 1)", runId, name);
            }
        } catch (DataAccessException e) {
            // a missed beat only makes a restart elsewhere wait a little longer
            log.debug("heartbeat of {} failed: {}", name, e.toString());
        }
    }

    /**
     * Returns once no process of {@code runId} has beaten for {@code lapse}, saying that it waits; throws
     * {@link RunStillAliveException} when beats keep advancing (unless {@code force}).
     */
    public void awaitSilence(String runId, boolean force) throws InterruptedException {
        createTable();
        Map<String, Long> before = beats(runId);
        if (before.isEmpty()) {
            return;
        }
        if (exclusiveRepository) {
            jdbc.update("DELETE FROM " + TABLE + " WHERE RUN_ID = ?", runId);
            return;
        }
        log.info(
                "run {} has heartbeats from {}; waiting up to {} s for them to lapse (a process that is gone stops beating)",
                runId,
                before.keySet(),
                lapse.toSeconds());
        long deadline = System.nanoTime() + lapse.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(Math.min(interval.toMillis(), 1000));
            Map<String, Long> now = beats(runId);
            List<String> alive = now.entrySet().stream()
                    .filter(e -> before.containsKey(e.getKey()) ? e.getValue() > before.get(e.getKey()) : true)
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toList());
            if (!alive.isEmpty()) {
                if (force) {
                    log.warn("run {} is still alive in {}; restarting anyway (--force)", runId, alive);
                    return;
                }
                throw new RunStillAliveException("run " + runId + " is still running: " + String.join(", ", alive)
                        + " keeps its heartbeat. Stop that process first (restart proceeds once its heartbeat lapses), "
                        + "or pass --force if you are sure it is gone");
            }
        }
        log.info("heartbeats of run {} lapsed; its processes are gone", runId);
        jdbc.update("DELETE FROM " + TABLE + " WHERE RUN_ID = ?", runId);
    }

    private Map<String, Long> beats(String runId) {
        return jdbc.query(
                "SELECT PROCESS, BEATS FROM " + TABLE + " WHERE RUN_ID = ?",
                rs -> {
                    Map<String, Long> found = new java.util.HashMap<>();
                    while (rs.next()) {
                        found.put(rs.getString(1), rs.getLong(2));
                    }
                    return found;
                },
                runId);
    }

    private void createTable() {
        if (!created) {
            jdbc.execute(CREATE);
            created = true;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** Another process still works on the run: restarting it now would do the work twice. */
    public static final class RunStillAliveException extends IllegalStateException {
        RunStillAliveException(String message) {
            super(message);
        }
    }
}
