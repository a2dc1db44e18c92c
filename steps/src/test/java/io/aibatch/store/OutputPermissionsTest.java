package io.aibatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputPermissionsTest {

    @TempDir
    Path dir;

    @Test
    void aPrivateStoreCreatesOwnerOnlyDirectoriesAndFilesEvenOverAStaleTempFile() throws Exception {
        LocalOutputStore store = new LocalOutputStore(dir.resolve("out"), OutputPermissions.PRIVATE);
        Files.createDirectories(dir.resolve("out/results"));
        Path stale = Files.writeString(dir.resolve("out/results/.chunk-1.jsonl.tmp"), "old");
        Files.setPosixFilePermissions(stale, PosixFilePermissions.fromString("rw-r--r--"));
        try (OutputStream out = store.create("results/chunk-1.jsonl")) {
            out.write('x');
        }
        try (OutputStream out = store.create("dead-letter/nested/chunk-1.jsonl")) {
            out.write('y');
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("out"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("out/dead-letter/nested"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(dir.resolve("out/results/chunk-1.jsonl"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(dir.resolve("out/dead-letter/nested/chunk-1.jsonl"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aSymlinkedOutputDirectoryIsAcceptedAndUnknownModesAreRefused() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        try (OutputStream out = new LocalOutputStore(link, OutputPermissions.PRIVATE).create("report.json")) {
            out.write('{');
        }
        assertThat(real.resolve("report.json")).exists();
        assertThat(OutputPermissions.parse(" Shared ")).isEqualTo(OutputPermissions.SHARED);
        assertThat(OutputPermissions.parse(null)).isEqualTo(OutputPermissions.PRIVATE);
        assertThatThrownBy(() -> OutputPermissions.parse("public"))
                .hasMessageContaining("aibatch.output.permissions must be private or shared");
    }
}
