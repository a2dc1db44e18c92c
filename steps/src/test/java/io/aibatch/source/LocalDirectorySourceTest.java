package io.aibatch.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aibatch.item.WorkItem;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The input directory is a boundary, and what cannot be read is skipped or dead-lettered with its reason. */
class LocalDirectorySourceTest {

    @TempDir
    Path dir;

    @Test
    void linksOutOfTheInputSpecialFilesAndLinksToDirectoriesAreSkippedAndCounted() throws Exception {
        Path input = Files.createDirectories(dir.resolve("input"));
        Path outside = Files.writeString(dir.resolve("secret.txt"), "not yours");
        Files.writeString(input.resolve("a.pdf"), "%PDF-1.7 a");
        Files.createDirectories(input.resolve("sub"));
        Files.writeString(input.resolve("sub/b.pdf"), "%PDF-1.7 b");
        Files.createSymbolicLink(input.resolve("inside-link.pdf"), input.resolve("sub/b.pdf"));
        Files.createSymbolicLink(input.resolve("environ.pdf"), Path.of("/proc/self/environ"));
        Files.createSymbolicLink(input.resolve("secret.pdf"), outside);
        Files.createSymbolicLink(input.resolve("up.pdf"), Path.of("../secret.txt"));
        Files.createSymbolicLink(input.resolve("dir-link"), input.resolve("sub"));
        Files.createSymbolicLink(input.resolve("dangling.pdf"), input.resolve("gone.pdf"));
        run("mkfifo", input.resolve("pipe.pdf").toString());

        LocalDirectorySource source = new LocalDirectorySource(input);
        List<WorkItem> items = new ArrayList<>();
        source.list(items::add);

        assertThat(items).extracting(WorkItem::name).containsExactly("a.pdf", "inside-link.pdf", "sub/b.pdf");
        assertThat(source.skipped())
                .isEqualTo(Map.of(
                        "symlink-outside-input",
                        3L,
                        "special-file",
                        1L,
                        "symlink-to-directory",
                        1L,
                        "broken-symlink",
                        1L));
        try (InputStream in = source.open(items.get(1))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("%PDF-1.7 b");
        }
        Files.delete(input.resolve("environ.pdf")); // JUnit warns about links out of its temporary directory
    }

    @Test
    void readmesDotfilesAndWhatTheAibatchignoreListsAreNotItems() throws Exception {
        Path input = Files.createDirectories(dir.resolve("input"));
        Files.writeString(input.resolve("README.md"), "# what these files are");
        Files.writeString(input.resolve("a.pdf"), "%PDF-1.7 a");
        Files.writeString(input.resolve("notes.txt"), "my notes");
        Files.createDirectories(input.resolve("drafts"));
        Files.writeString(input.resolve("drafts/d.pdf"), "%PDF-1.7 d");
        Files.createDirectories(input.resolve("sub"));
        Files.writeString(input.resolve("sub/b.pdf"), "%PDF-1.7 b");
        Files.writeString(input.resolve("sub/README.txt"), "about sub");
        Files.writeString(input.resolve("sub/c.txt"), "also notes");

        // without an ignore file: README* (at any depth) and dotfiles only
        assertThat(names(input)).containsExactly("a.pdf", "drafts/d.pdf", "notes.txt", "sub/b.pdf", "sub/c.txt");

        Files.writeString(input.resolve(IgnoreRules.FILE), "# not inputs\n*.txt\n\n/drafts/\n");
        assertThat(names(input)).containsExactly("a.pdf", "sub/b.pdf");
    }

    private static List<String> names(Path input) throws Exception {
        LocalDirectorySource source = new LocalDirectorySource(input);
        List<WorkItem> items = new ArrayList<>();
        source.list(items::add);
        assertThat(source.skipped())
                .as("ignored files are not 'skipped' (no warning)")
                .isEmpty();
        return items.stream().map(WorkItem::name).toList();
    }

    @Test
    void aLinkRedirectedOutOfTheInputAfterPlanningIsNotRead() throws Exception {
        Path input = Files.createDirectories(dir.resolve("input"));
        Files.writeString(input.resolve("real.pdf"), "%PDF-1.7");
        Path link = Files.createSymbolicLink(input.resolve("link.pdf"), input.resolve("real.pdf"));
        LocalDirectorySource source = new LocalDirectorySource(input);
        List<WorkItem> items = new ArrayList<>();
        source.list(items::add);
        WorkItem planned = items.stream()
                .filter(i -> i.name().equals("link.pdf"))
                .findFirst()
                .orElseThrow();

        Files.delete(link);
        Files.createSymbolicLink(link, Files.writeString(dir.resolve("secret.txt"), "not yours"));

        assertThatThrownBy(() -> source.open(planned))
                .isInstanceOfSatisfying(ItemUnavailableException.class, e -> assertThat(e.code())
                        .isEqualTo("outside-input"));
    }

    @Test
    void aNameThatIsNotValidUtf8IsDeadLetteredAsSuch() throws Exception {
        Path input = Files.createDirectories(dir.resolve("input"));
        // a Latin-1 'é' (0xE9) alone is not UTF-8; Java cannot create such a name itself
        run("sh", "-c", "printf x > \"$1/caf$(printf '\\351').pdf\"", "sh", input.toString());
        LocalDirectorySource source = new LocalDirectorySource(input);
        List<WorkItem> items = new ArrayList<>();
        source.list(items::add);

        assertThat(items)
                .singleElement()
                .satisfies(item -> assertThat(item.name()).startsWith("caf").endsWith(".pdf"));
        assertThatThrownBy(() -> source.open(items.get(0)))
                .isInstanceOfSatisfying(ItemUnavailableException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid-file-name");
                    assertThat(e.getMessage()).contains("not valid UTF-8").doesNotContain("no longer exists");
                });
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
    }
}
