package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status} reads the job repository directly (no application context) and never creates one. */
class StatusCommandTest {

    private static final String HEADER = "RUN ID";

    @TempDir
    Path dir;

    @Test
    void aNewWorkDirHasNoRunsAndGetsNoRepository() {
        Path workDir = dir.resolve("wd");

        CliRun list = CliRun.of("status", "--work-dir", workDir.toString());
        CliRun one = CliRun.of("status", "--work-dir", workDir.toString(), "--run-id", "nothing-here");

        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out().lines())
                .containsExactly(list.out().lines().findFirst().orElseThrow());
        assertThat(list.out()).startsWith(HEADER);
        assertThat(one.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(one.err().lines()).singleElement().asString().contains("no run with id 'nothing-here'");
        assertThat(workDir.resolve("jobrepository.mv.db")).doesNotExist();
    }

    @Test
    void aCorruptRepositoryFileIsOneLineSayingWhyAndVerboseOnTheSubcommandAddsTheTrace() throws Exception {
        Path workDir = Files.createDirectories(dir.resolve("corrupt"));
        Files.writeString(workDir.resolve("jobrepository.mv.db"), "not an H2 database\n");

        CliRun plain = CliRun.of("status", "--work-dir", workDir.toString());
        CliRun verbose = CliRun.of("status", "--work-dir", workDir.toString(), "--verbose");

        assertThat(plain.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(plain.err().lines())
                .singleElement()
                .asString()
                .contains("could not open the job repository " + workDir)
                .doesNotContain(": null");
        assertThat(verbose.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(verbose.err()).contains("\tat ");
    }

    @Test
    void aSharedDatabaseWithoutTablesHasNoRuns() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String repository = postgres.getJdbcUrl("postgres", "postgres");

            CliRun list = CliRun.of("status", "--job-repository", repository, "--work-dir", dir.toString());
            CliRun one =
                    CliRun.of("status", "--job-repository", repository, "--work-dir", dir.toString(), "--run-id", "r1");

            assertThat(list.exit()).as(list.err()).isZero();
            assertThat(list.out().strip()).startsWith(HEADER).doesNotContain("\n");
            assertThat(one.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(one.err()).contains("no run with id 'r1'");
        }
    }

    @Test
    void aCompletedRunIsListedAndShownWithItsSlices() throws Exception {
        Path workDir = dir.resolve("wd");
        Path config = dir.resolve("text-only.yaml");
        Files.writeString(config, "aibatch:\n  document:\n    enrichment: false\n");
        CliRun run = CliRun.of(
                "run",
                "document-pipeline",
                "--input",
                SampleData.DOCUMENTS.toString(),
                "--include-suffix",
                ".png",
                "--output",
                dir.resolve("out").toString(),
                "--partitions",
                "2",
                "--run-id",
                "listed",
                "--work-dir",
                workDir.toString(),
                "--config",
                config.toString());
        assertThat(run.exit()).as(run.err()).isZero();

        CliRun list = CliRun.of("status", "--work-dir", workDir.toString());
        CliRun one = CliRun.of("status", "--work-dir", workDir.toString(), "--run-id", "listed");

        assertThat(list.exit()).isZero();
        assertThat(list.out().lines().skip(1))
                .singleElement()
                .asString()
                .contains("listed")
                .contains("document-pipeline")
                .contains("COMPLETED");
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(one.out())
                .contains("run listed  job document-pipeline  status COMPLETED  executions 1")
                .contains("slice-0000")
                .contains("slice-0001")
                .containsPattern("items: total (\\d+), read \\1, written \\1, dead-lettered 0");
    }
}
