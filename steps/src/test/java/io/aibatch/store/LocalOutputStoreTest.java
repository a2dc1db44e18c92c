package io.aibatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalOutputStoreTest {

    @TempDir
    Path dir;

    @Test
    void aFileAppearsOnlyWhenItsStreamIsClosed() throws IOException {
        LocalOutputStore store = new LocalOutputStore(dir);
        store.write("results/a.jsonl", "old\n".getBytes(StandardCharsets.UTF_8));

        OutputStream out = store.create("results/a.jsonl");
        out.write("new\n".getBytes(StandardCharsets.UTF_8));
        assertThat(dir.resolve("results/a.jsonl")).hasContent("old");

        out.close();
        assertThat(dir.resolve("results/a.jsonl")).hasContent("new");
        assertThat(store.list("results")).containsExactly("a.jsonl");
    }

    @Test
    void pathsCannotEscapeTheRoot() throws IOException {
        LocalOutputStore store = new LocalOutputStore(dir.resolve("out"));
        assertThatThrownBy(() -> store.write("../escaped.txt", new byte[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("would leave the output location");
        assertThatThrownBy(() -> store.write("results/../../x", new byte[1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.exists(dir.resolve("escaped.txt"))).isFalse();
    }

    @Test
    void readsFromAnOffset() throws IOException {
        LocalOutputStore store = new LocalOutputStore(dir);
        store.write("m.jsonl", "0123456789".getBytes(StandardCharsets.UTF_8));
        try (var in = store.open("m.jsonl", 4)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("456789");
        }
    }
}
