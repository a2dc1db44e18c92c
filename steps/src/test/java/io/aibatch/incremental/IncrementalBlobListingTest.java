package io.aibatch.incremental;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobProperties;
import io.aibatch.blob.Azurite;
import io.aibatch.blob.BlobLocation;
import io.aibatch.item.WorkItem;
import io.aibatch.source.BlobContainerSource;
import io.aibatch.source.ItemSource;
import io.aibatch.source.SelectedItemSource;
import io.aibatch.source.SourceOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Incremental selection over a real Blob Storage listing (Azurite), where Last-Modified has one-second resolution:
 * a blob re-uploaded in the same second as the watermark's listing, with a new etag, is taken by the next run.
 */
class IncrementalBlobListingTest {

    private final Azurite azurite = Azurite.shared();

    @Test
    void theServiceClockIsWhatStampsLastModified() throws Exception {
        BlobContainerClient container = azurite.newContainer("clock");
        ItemSource source = source(container);
        Instant before = source.currentTime();
        container.getBlobClient("a.txt").upload(BinaryData.fromString("a"));
        Instant after = source.currentTime();
        Instant modified = container
                .getBlobClient("a.txt")
                .getProperties()
                .getLastModified()
                .toInstant();
        assertThat(modified).isBetween(before, after);
        assertThat(Duration.between(Instant.now(), before).abs()).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void aBlobReuploadedInTheSecondOfTheListingIsTakenByTheNextRunAndNothingElse() throws Exception {
        BlobContainerClient container = azurite.newContainer("boundary");
        container.getBlobClient("untouched.txt").upload(BinaryData.fromString("untouched"));
        ItemSource source = source(container);
        // the re-upload must land in the same Last-Modified second as the first version: retry on a second boundary
        for (int attempt = 1; ; attempt++) {
            String name = "reuploaded-" + attempt + ".txt";
            container.getBlobClient(name).upload(BinaryData.fromString("version 1"));
            IncrementalSelection firstRun = new IncrementalSelection(null, source.currentTime(), Duration.ZERO);
            List<WorkItem> planned = list(new SelectedItemSource(source, firstRun, firstRun::describe));
            BlobProperties first = container.getBlobClient(name).getProperties();
            container.getBlobClient(name).upload(BinaryData.fromString("version 2"), true);
            BlobProperties second = container.getBlobClient(name).getProperties();
            if (!first.getLastModified().equals(second.getLastModified())) {
                assertThat(attempt)
                        .as("attempts to re-upload within one second")
                        .isLessThan(10);
                continue;
            }
            assertThat(second.getETag()).isNotEqualTo(first.getETag());
            assertThat(planned).extracting(WorkItem::name).contains(name, "untouched.txt");
            Watermark watermark = firstRun.next("r1", "none");

            IncrementalSelection nextRun = new IncrementalSelection(watermark, source.currentTime(), Duration.ZERO);
            List<WorkItem> next = list(new SelectedItemSource(source, nextRun, nextRun::describe));

            // earlier attempts' blobs were re-uploaded too (in another second): they are new versions as well
            List<String> expected = new ArrayList<>();
            for (int earlier = 1; earlier <= attempt; earlier++) {
                expected.add("reuploaded-" + earlier + ".txt");
            }
            assertThat(next).extracting(WorkItem::name).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(next)
                    .filteredOn(item -> item.name().equals(name))
                    .singleElement()
                    .satisfies(item -> assertThat(item.etag()).isEqualTo(second.getETag()));
            return;
        }
    }

    private ItemSource source(BlobContainerClient container) {
        return new BlobContainerSource(
                BlobLocation.parse(azurite.url(container, ""), "--input"), container, SourceOptions.defaults());
    }

    private static List<WorkItem> list(ItemSource source) throws Exception {
        List<WorkItem> items = new ArrayList<>();
        source.list(items::add);
        return items;
    }
}
