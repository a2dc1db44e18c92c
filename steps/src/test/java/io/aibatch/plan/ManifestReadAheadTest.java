package io.aibatch.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aibatch.item.WorkItem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ManifestReadAheadTest {

    @Test
    void handsOutExactlyTheLimitInManifestOrderAcrossBlocks() throws Exception {
        int lines = ManifestReadAhead.BLOCK_SIZE * 3 + 17;
        int limit = ManifestReadAhead.BLOCK_SIZE * 2 + 5;
        try (ManifestReadAhead readAhead =
                new ManifestReadAhead(new ManifestReader(manifestOf(lines), 0), limit, "test")) {
            List<String> names = drain(readAhead);

            assertThat(names).hasSize(limit);
            for (int i = 0; i < limit; i++) {
                assertThat(names.get(i)).isEqualTo("doc-" + i);
            }
            assertThat(readAhead.next()).as("stays at the end").isNull();
        }
    }

    @Test
    void aManifestShorterThanTheLimitEndsWithNull() throws Exception {
        try (ManifestReadAhead readAhead =
                new ManifestReadAhead(new ManifestReader(manifestOf(10), 0), 1_000, "test")) {
            assertThat(drain(readAhead)).hasSize(10);
        }
    }

    @Test
    void aReadFailureReachesTheConsumerAfterTheItemsBeforeIt() throws Exception {
        InputStream failing = new SequenceInputStream(manifestOf(3), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset while reading the manifest");
            }
        });
        try (ManifestReadAhead readAhead = new ManifestReadAhead(new ManifestReader(failing, 0), 100, "test")) {
            assertThat(readAhead.next().name()).isEqualTo("doc-0");
            assertThat(readAhead.next().name()).isEqualTo("doc-1");
            assertThat(readAhead.next().name()).isEqualTo("doc-2");
            assertThatThrownBy(readAhead::next)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("connection reset");
        }
    }

    @Test
    void closingMidwayStopsTheThreadAndClosesTheManifest() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream manifest = new FilterInputStream(manifestOf(ManifestReadAhead.BLOCK_SIZE * 20)) {
            @Override
            public void close() throws IOException {
                closed.set(true);
                super.close();
            }
        };
        ManifestReadAhead readAhead =
                new ManifestReadAhead(new ManifestReader(manifest, 0), Long.MAX_VALUE, "closing-test");
        assertThat(readAhead.next().name()).isEqualTo("doc-0");

        readAhead.close();

        assertThat(closed).as("the reading thread closed the manifest").isTrue();
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(thread -> thread.getName().equals("manifest-closing-test"));
    }

    private static List<String> drain(ManifestReadAhead readAhead) throws Exception {
        List<String> names = new ArrayList<>();
        for (WorkItem item = readAhead.next(); item != null; item = readAhead.next()) {
            names.add(item.name());
        }
        return names;
    }

    private static InputStream manifestOf(int lines) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ManifestWriter writer = new ManifestWriter(bytes)) {
            for (int i = 0; i < lines; i++) {
                writer.append(WorkItem.of("file:/docs/doc-" + i + ".pdf", "doc-" + i, 100, Instant.EPOCH, null));
            }
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
