package io.aibatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobContainerClient;
import io.aibatch.blob.Azurite;
import io.aibatch.blob.BlobLocation;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The blob output store against Azurite. */
class BlobOutputStoreTest {

    private final Azurite azurite = Azurite.shared();
    private BlobContainerClient container;
    private OutputStore store;

    @BeforeEach
    void createStore() throws Exception {
        container = azurite.newContainer("store");
        store = Locations.output(azurite.url(container, "runs/r1"));
    }

    @Test
    void aCreatedFileAppearsOnlyWhenClosedAndReplacesTheOldContent() throws Exception {
        store.write("results/a.jsonl", bytes("old\n"));
        OutputStream out = store.create("results/a.jsonl");
        // larger than one upload block, so blocks are staged before the commit
        byte[] big = new byte[9 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'x');
        out.write(big);
        out.write(bytes("\nnew\n"));

        assertThat(read("results/a.jsonl", 0)).isEqualTo("old\n");
        out.close();
        assertThat(read("results/a.jsonl", big.length)).isEqualTo("\nnew\n");
        assertThat(container
                        .getBlobClient("runs/r1/results/a.jsonl")
                        .getProperties()
                        .getContentType())
                .isEqualTo("application/x-ndjson");
    }

    @Test
    void openReadsFromAnOffsetAndAnOffsetAtTheEndReadsNothing() throws Exception {
        store.write("_manifest/manifest.jsonl", bytes("line1\nline2\n"));

        assertThat(read("_manifest/manifest.jsonl", 6)).isEqualTo("line2\n");
        assertThat(read("_manifest/manifest.jsonl", 12)).isEmpty();
        assertThatThrownBy(() -> store.open("_manifest/missing.jsonl", 0)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void listShowsTheFilesDirectlyInADirectoryByNamePrefix() throws Exception {
        store.write("results/slice-0000-000000000000.jsonl", bytes("a"));
        store.write("results/slice-0000-000000000020.jsonl", bytes("b"));
        store.write("results/slice-0001-000000000040.jsonl", bytes("c"));
        store.write("results/nested/deeper.jsonl", bytes("d"));
        store.write("resultsx/other.jsonl", bytes("e"));

        assertThat(store.list("results"))
                .containsExactly(
                        "slice-0000-000000000000.jsonl",
                        "slice-0000-000000000020.jsonl",
                        "slice-0001-000000000040.jsonl");
        assertThat(store.list("results", "slice-0001-")).containsExactly("slice-0001-000000000040.jsonl");
        assertThat(store.list("dead-letter")).isEmpty();
    }

    @Test
    void existsAndDelete() throws Exception {
        store.write("report.json", bytes("{}"));
        assertThat(store.exists("report.json")).isTrue();

        store.delete("report.json");
        store.delete("report.json"); // deleting what is gone is fine

        assertThat(store.exists("report.json")).isFalse();
    }

    @Test
    void pathsThatCouldLeaveTheOutputLocationAreRefused() {
        for (String hostile :
                new String[] {"../escape.jsonl", "results/../../x", "/abs.json", "a//b", "a/./b", "a\\b"}) {
            assertThatThrownBy(() -> store.write(hostile, bytes("x")))
                    .as(hostile)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(container.listBlobs().stream().count()).isZero();
    }

    @Test
    void theContainerIsCreatedWhenMissing() throws Exception {
        String name = "created-" + Long.toHexString(System.nanoTime());
        OutputStore fresh = Locations.output(azurite.endpoint() + "/" + name + "/out");
        fresh.write("report.json", bytes("{}"));

        assertThat(azurite.client()
                        .getBlobContainerClient(name)
                        .getBlobClient("out/report.json")
                        .exists())
                .isTrue();
        assertThat(fresh.describe())
                .isEqualTo(BlobLocation.parse(azurite.endpoint() + "/" + name + "/out", "--output")
                        .describe());
    }

    private String read(String path, long offset) throws Exception {
        try (InputStream in = store.open(path, offset)) {
            byte[] all = in.readAllBytes();
            return all.length > 100 ? "<" + all.length + " bytes>" : new String(all, StandardCharsets.UTF_8);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
