package io.aibatch.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import io.aibatch.blob.Azurite;
import io.aibatch.blob.BlobLocation;
import io.aibatch.item.WorkItem;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lines of a JSONL blob in Azurite: a slice starting in the middle of the blob reads a range from its line on. */
class JsonlBlobLinesTest {

    private final Azurite azurite = Azurite.shared();
    private BlobContainerClient container;
    /** The range header of every GET of a blob's content, as sent. */
    private final List<String> ranges = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void createContainer() {
        container = azurite.newContainer("lines");
    }

    @Test
    void aSliceInTheMiddleOfABlobReadsARangeFromItsFirstLine() throws Exception {
        StringBuilder content = new StringBuilder();
        for (int i = 1; i <= 2000; i++) {
            content.append("{\"custom_id\":\"r")
                    .append(i)
                    .append("\",\"pad\":\"")
                    .append("x".repeat(100))
                    .append("\"}\n");
        }
        container.getBlobClient("in/requests.jsonl").upload(BinaryData.fromString(content.toString()));
        List<WorkItem> items = list(lines(ChangedItemPolicy.DEAD_LETTER));
        WorkItem line1500 = items.get(1499);
        long offset = LineAddress.of(line1500).offset();
        assertThat(offset).isGreaterThan(100_000);

        // a slice's worker: its own source, first line 1500
        try (ItemSource worker = lines(ChangedItemPolicy.DEAD_LETTER)) {
            ranges.clear();
            assertThat(read(worker, line1500)).startsWith("{\"custom_id\":\"r1500\"");
            assertThat(read(worker, items.get(1500))).startsWith("{\"custom_id\":\"r1501\"");
            // the first read starts at the line, and nothing before it is ever asked for
            assertThat(ranges).isNotEmpty().first().asString().startsWith("bytes=" + offset + "-");
            assertThat(ranges).allSatisfy(range -> assertThat(Long.parseLong(range.replaceAll("bytes=(\\d+)-.*", "$1")))
                    .isGreaterThanOrEqualTo(offset));
        }
    }

    @Test
    void aBlobShorterThanPlannedMakesTheLinesPastItsEndUnavailable() throws Exception {
        container.getBlobClient("in/requests.jsonl").upload(BinaryData.fromString("{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n"));
        List<WorkItem> items = list(lines(ChangedItemPolicy.PROCESS_CURRENT));
        container.getBlobClient("in/requests.jsonl").upload(BinaryData.fromString("{\"a\":1}\n"), true);

        try (ItemSource worker = lines(ChangedItemPolicy.PROCESS_CURRENT)) {
            assertThatThrownBy(() -> worker.open(items.get(2)))
                    .isInstanceOf(ItemUnavailableException.class)
                    .hasMessageContaining("line 3 is gone");
        }
    }

    /** The lines below the container's "in" prefix, read through a client that records the range of every GET. */
    private ItemSource lines(ChangedItemPolicy policy) {
        HttpPipelinePolicy recordRanges = (context, next) -> {
            if (context.getHttpRequest().getHttpMethod() == HttpMethod.GET
                    && context.getHttpRequest().getUrl().getPath().endsWith(".jsonl")) {
                String range = context.getHttpRequest().getHeaders().getValue(HttpHeaderName.fromString("x-ms-range"));
                ranges.add(range == null ? "(whole blob)" : range);
            }
            return next.process();
        };
        BlobContainerClient recorded = new BlobContainerClientBuilder()
                .connectionString(azurite.connectionString())
                .containerName(container.getBlobContainerName())
                .addPolicy(recordRanges)
                .buildClient();
        BlobLocation location = BlobLocation.parse(azurite.url(container, "in"), "--input");
        return new JsonlLineSource(
                new BlobContainerSource(location, recorded, new SourceOptions(SourceFilter.none(), policy, 100)));
    }

    private static List<WorkItem> list(ItemSource source) throws Exception {
        List<WorkItem> items = new ArrayList<>();
        source.list(items::add);
        return items;
    }

    private static String read(ItemSource source, WorkItem item) throws Exception {
        try (InputStream in = source.open(item)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
