package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.cli.AibatchCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;

/**
 * What a run leaves on disk is private by default (0600 files, 0700 directories), the embedded job repository
 * included; its execution contexts are JSON, and a context in the old Java-serialized format is refused on restart.
 */
class PrivateOutputsTest {

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    @TempDir
    Path dir;

    private int run(Path output, String runId, String... config) throws Exception {
        Path input = TestInputs.tinyScans(dir.resolve("in"), 3);
        Path file = dir.resolve(runId + ".yaml");
        Files.writeString(file, "aibatch:\n  document:\n    enrichment: false\n" + String.join("\n", config) + "\n");
        return AibatchCommand.execute(
                "run",
                "document-pipeline",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--run-id",
                runId,
                "--partitions",
                "2",
                "--work-dir",
                dir.resolve("wd").toString(),
                "--config",
                file.toString());
    }

    @Test
    void outputsAndTheEmbeddedRepositoryAreOwnerOnlyAndContextsAreJson() throws Exception {
        Path output = dir.resolve("out");
        assertThat(run(output, "private-run")).isZero();

        List<Path> files = new ArrayList<>();
        List<Path> directories = new ArrayList<>();
        try (Stream<Path> all = Files.walk(output)) {
            all.forEach(path -> (Files.isDirectory(path) ? directories : files).add(path));
        }
        assertThat(files)
                .extracting(path -> output.relativize(path).toString())
                .contains("report.json")
                .anyMatch(name -> name.startsWith("results/"));
        assertThat(files).allSatisfy(file -> assertThat(Files.getPosixFilePermissions(file))
                .as(file.toString())
                .isEqualTo(OWNER_FILE));
        assertThat(directories).allSatisfy(d -> assertThat(Files.getPosixFilePermissions(d))
                .as(d.toString())
                .isEqualTo(OWNER_DIRECTORY));
        assertThat(Files.getPosixFilePermissions(dir.resolve("wd"))).isEqualTo(OWNER_DIRECTORY);
        assertThat(Files.getPosixFilePermissions(dir.resolve("wd/jobrepository.mv.db")))
                .isEqualTo(OWNER_FILE);

        // every context in the repository is JSON, and reads back: status of the run comes from them
        Map<String, String> contexts = contexts();
        assertThat(contexts)
                .isNotEmpty()
                .allSatisfy((key, context) -> assertThat(context).as(key).startsWith("{"));
        assertThat(AibatchCommand.execute(
                        "status",
                        "--run-id",
                        "private-run",
                        "--work-dir",
                        dir.resolve("wd").toString()))
                .isZero();
    }

    @Test
    void sharedOutputsFollowTheUmask() throws Exception {
        Path output = dir.resolve("shared");
        assertThat(run(output, "shared-run", "  output:", "    permissions: shared"))
                .isZero();
        Path reference = Files.createFile(dir.resolve("umask-reference"));
        assertThat(Files.getPosixFilePermissions(output.resolve("report.json")))
                .isEqualTo(Files.getPosixFilePermissions(reference));
    }

    @Test
    void aRunWithAJavaSerializedContextIsRefusedOnRestartNeverRead() throws Exception {
        Path output = dir.resolve("legacy");
        assertThat(run(output, "legacy-run")).isZero();
        // what aibatch before JSON contexts stored: Base64 of a Java-serialized map; the run marked as failed
        ByteArrayOutputStream legacy = new ByteArrayOutputStream();
        new DefaultExecutionContextSerializer().serialize(new HashMap<>(Map.of("aibatch.plan", "{}")), legacy);
        try (Connection db = repository();
                Statement sql = db.createStatement()) {
            sql.executeUpdate("UPDATE BATCH_JOB_EXECUTION_CONTEXT SET SHORT_CONTEXT = '"
                    + legacy.toString(StandardCharsets.UTF_8) + "', SERIALIZED_CONTEXT = NULL");
            sql.executeUpdate("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'FAILED', EXIT_CODE = 'FAILED'");
        }
        assertThat(legacy.toString(StandardCharsets.UTF_8))
                .startsWith("rO0"); // Java serialization's magic number, in Base64
        long reportModified =
                Files.getLastModifiedTime(output.resolve("report.json")).toMillis();

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = AibatchCommand.execute(
                    "restart",
                    "--run-id",
                    "legacy-run",
                    "--work-dir",
                    dir.resolve("wd").toString());
        } finally {
            System.setErr(original);
        }
        assertThat(exit).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("earlier version of aibatch", "Java serialization", "new run");
        assertThat(Files.getLastModifiedTime(output.resolve("report.json")).toMillis())
                .as("nothing ran again")
                .isEqualTo(reportModified);
    }

    private Connection repository() throws Exception {
        return DriverManager.getConnection(
                "jdbc:h2:file:" + dir.resolve("wd").resolve("jobrepository").toAbsolutePath(), "sa", "");
    }

    private Map<String, String> contexts() throws Exception {
        Map<String, String> contexts = new HashMap<>();
        try (Connection db = repository();
                Statement sql = db.createStatement()) {
            for (String table : List.of("BATCH_JOB_EXECUTION_CONTEXT", "BATCH_STEP_EXECUTION_CONTEXT")) {
                String id = table.startsWith("BATCH_JOB") ? "JOB_EXECUTION_ID" : "STEP_EXECUTION_ID";
                try (ResultSet rows =
                        sql.executeQuery("SELECT " + id + ", SHORT_CONTEXT, SERIALIZED_CONTEXT FROM " + table)) {
                    while (rows.next()) {
                        String serialized = rows.getString(3);
                        contexts.put(
                                table + "/" + rows.getLong(1), serialized != null ? serialized : rows.getString(2));
                    }
                }
            }
        }
        return contexts;
    }
}
