package io.aibatch.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import io.aibatch.blob.Azurite;
import io.aibatch.blob.BlobLocation;
import io.aibatch.item.WorkItem;
import io.aibatch.store.Locations;
import io.aibatch.store.SafePaths;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing and reading blobs in Azurite: paging, prefixes, filters, vanished and changed blobs, hostile names. */
class BlobContainerSourceTest {

    private final Azurite azurite = Azurite.shared();
    private BlobContainerClient container;

    @TempDir
    Path dir;

    @BeforeEach
    void createContainer() {
        container = azurite.newContainer("source");
    }

    @Test
    void listsEveryBlobBelowThePrefixAcrossPagesInNameOrderWithItsEtag() throws Exception {
        for (int i = 0; i < 23; i++) {
            upload("docs/f-%02d.pdf".formatted(i), "content " + i, "application/pdf");
        }
        upload("docs2/not-below-the-prefix.pdf", "x", "application/pdf");
        upload("other.pdf", "x", "application/pdf");

        List<WorkItem> items = list(source("docs", SourceFilter.none(), ChangedItemPolicy.PROCESS_CURRENT, 5));

        assertThat(items)
                .extracting(WorkItem::name)
                .hasSize(23)
                .isSorted()
                .startsWith("f-00.pdf")
                .endsWith("f-22.pdf");
        WorkItem first = items.get(0);
        assertThat(first.source()).isEqualTo(azurite.url(container, "docs/f-00.pdf"));
        assertThat(first.etag())
                .isEqualTo(
                        container.getBlobClient("docs/f-00.pdf").getProperties().getETag());
        assertThat(first.size()).isEqualTo("content 0".length());
        assertThat(first.lastModified()).isNotNull();
    }

    @Test
    void readmesDotNamesAndWhatThePrefixsAibatchignoreListsAreNotItems() throws Exception {
        upload("in/README.md", "# what these files are", "text/markdown");
        upload("in/a.pdf", "a", "application/pdf");
        upload("in/notes.txt", "notes", "text/plain");
        upload("in/.DS_Store", "x", "application/octet-stream");
        upload("in/sub/b.pdf", "b", "application/pdf");
        upload("in/sub/README", "about sub", "text/plain");

        assertThat(list(source("in", SourceFilter.none(), ChangedItemPolicy.PROCESS_CURRENT, 5)))
                .extracting(WorkItem::name)
                .containsExactly("a.pdf", "notes.txt", "sub/b.pdf");

        upload("in/" + IgnoreRules.FILE, "# not inputs\n*.txt\nsub/\n", "text/plain");
        assertThat(list(source("in", SourceFilter.none(), ChangedItemPolicy.PROCESS_CURRENT, 5)))
                .extracting(WorkItem::name)
                .containsExactly("a.pdf");
    }

    @Test
    void filtersOnSuffixContentTypeSizeAndModifiedWindow() throws Exception {
        upload("a.pdf", "x".repeat(100), "application/pdf");
        upload("b.PDF", "x".repeat(2000), "application/pdf");
        upload("c.png", "x".repeat(500), "image/png");
        upload("d.txt", "x".repeat(500), "text/plain");

        assertThat(names(new SourceFilter(List.of(".pdf"), null, null, null, null, null)))
                .containsExactly("a.pdf", "b.PDF");
        assertThat(names(new SourceFilter(null, List.of("image/*", "text/plain"), null, null, null, null)))
                .containsExactly("c.png", "d.txt");
        assertThat(names(new SourceFilter(null, null, 200L, 1000L, null, null))).containsExactly("c.png", "d.txt");
        assertThat(names(new SourceFilter(List.of(".pdf", ".png"), List.of("application/pdf"), 150L, null, null, null)))
                .containsExactly("b.PDF");

        Instant uploaded = container
                .getBlobClient("d.txt")
                .getProperties()
                .getLastModified()
                .toInstant();
        assertThat(names(new SourceFilter(null, null, null, null, uploaded.plusSeconds(60), null)))
                .isEmpty();
        assertThat(names(new SourceFilter(
                        null, null, null, null, uploaded.minusSeconds(3600), uploaded.plusSeconds(60))))
                .hasSize(4);
        assertThat(names(new SourceFilter(null, null, null, null, null, uploaded.minusSeconds(3600))))
                .isEmpty();
    }

    @Test
    void readsTheContentAndReportsTheVersionRead() throws Exception {
        upload("in/a.txt", "hello blob", "text/plain");
        ItemSource source = source("in", SourceFilter.none(), ChangedItemPolicy.PROCESS_CURRENT, 100);
        WorkItem item = list(source).get(0);

        try (ItemContent content = source.openContent(item)) {
            assertThat(new String(content.stream().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("hello blob");
            assertThat(content.etag()).isEqualTo(item.etag());
        }
    }

    @Test
    void aBlobDeletedAfterPlanningIsUnavailable() throws Exception {
        upload("gone.txt", "soon gone", "text/plain");
        ItemSource source = source("", SourceFilter.none(), ChangedItemPolicy.PROCESS_CURRENT, 100);
        WorkItem item = list(source).get(0);
        container.getBlobClient("gone.txt").delete();

        assertThatThrownBy(() -> source.openContent(item))
                .isInstanceOf(ItemUnavailableException.class)
                .isNotInstanceOf(ItemChangedException.class)
                .hasMessageContaining("no longer exists")
                .satisfies(
                        e -> assertThat(((ItemUnavailableException) e).code()).isEqualTo("unavailable"));
    }

    @Test
    void aBlobChangedAfterPlanningIsReadAsItIsNowUnderProcessCurrent() throws Exception {
        upload("c.txt", "version 1", "text/plain");
        ItemSource source = source("", SourceFilter.none(), ChangedItemPolicy.PROCESS_CURRENT, 100);
        WorkItem item = list(source).get(0);
        upload("c.txt", "version 2", "text/plain");
        String current = container.getBlobClient("c.txt").getProperties().getETag();

        try (ItemContent content = source.openContent(item)) {
            assertThat(new String(content.stream().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("version 2");
            assertThat(content.etag()).isEqualTo(current).isNotEqualTo(item.etag());
        }
    }

    @Test
    void aBlobChangedAfterPlanningIsRefusedUnderDeadLetter() throws Exception {
        upload("c.txt", "version 1", "text/plain");
        ItemSource source = source("", SourceFilter.none(), ChangedItemPolicy.DEAD_LETTER, 100);
        WorkItem item = list(source).get(0);

        try (ItemContent unchanged = source.openContent(item)) {
            assertThat(unchanged.stream().readAllBytes()).hasSize(9);
        }
        upload("c.txt", "version 2", "text/plain");

        assertThatThrownBy(() -> source.openContent(item))
                .isInstanceOf(ItemChangedException.class)
                .hasMessageContaining("changed after the run was planned")
                .satisfies(
                        e -> assertThat(((ItemUnavailableException) e).code()).isEqualTo("changed"));
    }

    @Test
    void aLargeBlobReplacedWhileBeingReadIsReportedAsChangedNotMixed() throws Exception {
        byte[] first = new byte[5 * 1024 * 1024]; // more than one 4 MiB read block
        java.util.Arrays.fill(first, (byte) 1);
        container.getBlobClient("big.bin").upload(BinaryData.fromBytes(first));
        ItemSource source = source("", SourceFilter.none(), ChangedItemPolicy.PROCESS_CURRENT, 100);
        WorkItem item = list(source).get(0);

        try (ItemContent content = source.openContent(item)) {
            assertThat(content.stream().readNBytes(10)).containsOnly(1);
            container.getBlobClient("big.bin").upload(BinaryData.fromBytes(new byte[first.length]), true);

            assertThatThrownBy(() -> content.stream().readAllBytes())
                    .isInstanceOf(ItemChangedException.class)
                    .hasMessageContaining("replaced while it was being read");
        }
    }

    @Test
    void hostileNamesAreListedAndReadExactlyAsNamed() throws Exception {
        List<String> names = List.of(
                "with space.txt",
                "ünïcødé-文書.txt",
                "hash#tag.txt",
                "per%25cent%.txt",
                "dots/../escape.txt",
                "../../../etc/passwd",
                "a/./b.txt",
                "q?uery=1&x.txt");
        for (String name : names) {
            upload("in/" + name, "content of " + name, "text/plain");
        }
        upload("escape.txt", "NOT the hostile blob", "text/plain");
        ItemSource source = source("in", SourceFilter.none(), ChangedItemPolicy.DEAD_LETTER, 3);

        List<WorkItem> items = list(source);

        assertThat(items).extracting(WorkItem::name).containsExactlyInAnyOrderElementsOf(names);
        for (WorkItem item : items) {
            try (InputStream in = source.open(item)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .as(item.name())
                        .isEqualTo("content of " + item.name());
            }
            Path mirrored = SafePaths.mirror(dir, item.name());
            assertThat(mirrored.normalize().startsWith(dir))
                    .as(item.name() + " -> " + mirrored)
                    .isTrue();
        }
        assertThat(items).extracting(item -> SafePaths.mirror(dir, item.name())).doesNotHaveDuplicates();
        assertThat(items)
                .filteredOn(item -> item.name().equals("hash#tag.txt"))
                .singleElement()
                .extracting(WorkItem::source)
                .isEqualTo(azurite.url(container, "in/hash%23tag.txt"));
    }

    @Test
    void aMissingContainerIsReportedWhenListing() {
        ItemSource source =
                Locations.source(azurite.endpoint() + "/no-such-container-" + Long.toHexString(System.nanoTime()));

        assertThatThrownBy(() -> source.list(item -> {}))
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("container exists");
    }

    @Test
    void aLocalDirectoryIsStillALocalSource() throws Exception {
        Files.writeString(dir.resolve("a.pdf"), "x");
        assertThat(Locations.source(dir.toString())).isInstanceOf(LocalDirectorySource.class);
        assertThat(BlobLocation.isUrl(dir.toString())).isFalse();
    }

    private List<String> names(SourceFilter filter) throws Exception {
        return list(source("", filter, ChangedItemPolicy.PROCESS_CURRENT, 2)).stream()
                .map(WorkItem::name)
                .toList();
    }

    private ItemSource source(String prefix, SourceFilter filter, ChangedItemPolicy policy, int pageSize) {
        return Locations.source(azurite.url(container, prefix), new SourceOptions(filter, policy, pageSize));
    }

    private static List<WorkItem> list(ItemSource source) throws Exception {
        List<WorkItem> items = new ArrayList<>();
        source.list(items::add);
        return items;
    }

    private void upload(String name, String content, String contentType) {
        container
                .getBlobClient(name)
                .uploadWithResponse(
                        new BlobParallelUploadOptions(BinaryData.fromString(content))
                                .setHeaders(new BlobHttpHeaders().setContentType(contentType)),
                        null,
                        null);
    }
}
