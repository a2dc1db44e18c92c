package io.aibatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafePathsTest {

    @TempDir
    Path root;

    @Test
    void mirroredItemNamesNeverLeaveTheRootAndNeverCollide() {
        List<String> hostile = List.of(
                "../../etc/passwd",
                "a/../../b",
                "..",
                ".",
                "a//b",
                "a/b",
                "/abs",
                "x/./y",
                "x/y",
                "%2E%2E/z",
                "..%/q",
                "back\\slash",
                "spa ce#hash%.pdf",
                "ünï/文書.pdf",
                "...",
                "a/");

        List<Path> mirrored =
                hostile.stream().map(name -> SafePaths.mirror(root, name)).toList();

        assertThat(mirrored).allSatisfy(path -> assertThat(path.normalize().startsWith(root) && !path.equals(root))
                .as(path.toString())
                .isTrue());
        assertThat(mirrored).doesNotHaveDuplicates();
        assertThat(SafePaths.mirror(root, "a/b")).isEqualTo(root.resolve("a").resolve("b"));
        assertThat(SafePaths.mirror(root, "spa ce#hash%.pdf")).isEqualTo(root.resolve("spa ce#hash%25.pdf"));
    }

    @Test
    void blobPathsMustBePlainRelativePaths() {
        assertThat(SafePaths.blobPath("results/slice-0000-000000000000.jsonl"))
                .isEqualTo("results/slice-0000-000000000000.jsonl");
        for (String bad : new String[] {"", "/a", "a/", "a//b", "./a", "a/../b", "..", "a\\b"}) {
            assertThatThrownBy(() -> SafePaths.blobPath(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
