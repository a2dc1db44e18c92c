package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Heartbeats on a shared PostgreSQL repository: a live process blocks a restart, a dead one lapses, a clean end leaves none. */
class HeartbeatsTest {

    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration LAPSE = Duration.ofSeconds(1);

    private static EmbeddedPostgres postgres;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void aRunWhoseProcessKeepsBeatingIsRefusedUnlessForced() throws Exception {
        try (Heartbeats manager = new Heartbeats(jdbc, INTERVAL, LAPSE);
                Heartbeats restart = new Heartbeats(jdbc, INTERVAL, LAPSE)) {
            manager.start("live", "manager");

            assertThatThrownBy(() -> restart.awaitSilence("live", false))
                    .isInstanceOf(Heartbeats.RunStillAliveException.class)
                    .hasMessageContaining("run live is still running")
                    .hasMessageContaining(ProcessHandle.current().pid() + "@")
                    .hasMessageContaining("--force");
            restart.awaitSilence("live", true); // returns: the operator says it is gone
            manager.stop("live", "manager");
        }
    }

    @Test
    void theBeatOfAKilledProcessLapsesAndTheRestartProceeds() throws Exception {
        Heartbeats killed = new Heartbeats(jdbc, INTERVAL, LAPSE);
        killed.start("dead", "manager");
        killed.close(); // like kill -9: no more beats, and its row stays behind

        try (Heartbeats restart = new Heartbeats(jdbc, INTERVAL, LAPSE)) {
            long started = System.nanoTime();
            restart.awaitSilence("dead", false);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("waited for the lapse")
                    .isGreaterThanOrEqualTo(LAPSE);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM AIBATCH_HEARTBEAT WHERE RUN_ID = 'dead'", Long.class))
                .isZero();
    }

    @Test
    void aProcessThatEndedCleanlyLeavesNothingToWaitFor() throws Exception {
        try (Heartbeats manager = new Heartbeats(jdbc, INTERVAL, LAPSE);
                Heartbeats restart = new Heartbeats(jdbc, INTERVAL, LAPSE)) {
            manager.start("ended", "manager");
            manager.stop("ended", "manager");
            long started = System.nanoTime();
            restart.awaitSilence("ended", false);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LAPSE);
        }
    }
}
