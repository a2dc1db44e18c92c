package io.aibatch.runtime.incremental;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.incremental.Watermark;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The watermark table on both job repositories aibatch supports: created when missing, keyed by job and source, merged. */
class WatermarkStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-31T12:00:00Z");
    private static EmbeddedPostgres postgres;

    @AfterAll
    static void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void storesFindsMergesAndResetsWatermarksPerJobAndSource(String database) throws Exception {
        DataSource dataSource = dataSource(database);
        WatermarkStore store =
                new WatermarkStore(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource));
        String source = "https://acct.blob.core.windows.net/scans/" + "very-long-prefix/".repeat(40);
        Watermark.Version a = new Watermark.Version("a.pdf", "\"0x1\"", T0.plusSeconds(1));
        Watermark.Version b = new Watermark.Version("b.pdf", "\"0x2\"", T0.plusSeconds(9));

        assertThat(store.find("document-pipeline", source)).isEmpty();
        Watermark first = new Watermark(T0, T0.plusSeconds(600), List.of(a), "r1", "none");
        assertThat(store.advance("document-pipeline", source, first)).isEqualTo(first);
        assertThat(store.find("document-pipeline", source)).contains(first);
        assertThat(store.find("audio-transcription", source)).as("another job").isEmpty();
        assertThat(store.find("document-pipeline", source + "x"))
                .as("another source")
                .isEmpty();

        // a run that completes after a later one: the stored watermark keeps the later since and both boundaries
        Watermark later = new Watermark(T0.plusSeconds(5), T0.plusSeconds(605), List.of(b), "r3", "none");
        store.advance("document-pipeline", source, later);
        Watermark stale = new Watermark(
                T0,
                T0.plusSeconds(600),
                List.of(a, new Watermark.Version("c.pdf", "\"0x3\"", T0.plusSeconds(6))),
                "r2",
                "none");
        Watermark merged = store.advance("document-pipeline", source, stale);
        assertThat(merged.since()).isEqualTo(T0.plusSeconds(5));
        assertThat(merged.boundary()).extracting(Watermark.Version::name).containsExactly("c.pdf", "b.pdf");
        assertThat(store.find("document-pipeline", source)).contains(merged);

        assertThat(store.reset("document-pipeline", source)).isTrue();
        assertThat(store.find("document-pipeline", source)).isEmpty();
    }

    private static DataSource dataSource(String database) throws IOException {
        if (database.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:watermarks-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            h2.setUser("sa");
            return h2;
        }
        if (postgres == null) {
            postgres = EmbeddedPostgres.builder().start();
        }
        return postgres.getPostgresDatabase();
    }
}
