package io.aibatch.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aibatch.item.WorkItem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlicePlannerTest {

    @Test
    void slicesCoverEveryLineOnceAndStartWhereTheirFirstLineStarts() throws IOException {
        List<WorkItem> items = randomItems(1000, 42);
        byte[] manifest = manifest(items);

        SlicePlan plan = SlicePlanner.plan(new ByteArrayInputStream(manifest), items.size(), totalBytes(items), 7);

        assertThat(plan.slices()).hasSize(7);
        long nextLine = 0;
        for (Slice slice : plan.slices()) {
            assertThat(slice.firstLine()).isEqualTo(nextLine);
            assertThat(slice.items()).isPositive();
            nextLine += slice.items();
            // reading from startByte must give exactly the slice's first item
            try (ManifestReader reader = new ManifestReader(
                    new ByteArrayInputStream(manifest, (int) slice.startByte(), manifest.length), slice.startByte())) {
                assertThat(reader.next()).isEqualTo(items.get((int) slice.firstLine()));
            }
            long bytes = items.subList((int) slice.firstLine(), (int) (slice.firstLine() + slice.items())).stream()
                    .mapToLong(WorkItem::size)
                    .sum();
            assertThat(slice.bytes()).isEqualTo(bytes);
        }
        assertThat(nextLine).isEqualTo(items.size());
    }

    @Test
    void slicesAreBalancedByWeightWithinOneLargeItem() throws IOException {
        List<WorkItem> items = randomItems(5000, 7);
        SlicePlan plan =
                SlicePlanner.plan(new ByteArrayInputStream(manifest(items)), items.size(), totalBytes(items), 8);

        double mean = plan.slices().stream()
                .mapToDouble(SlicePlannerTest::weight)
                .average()
                .orElseThrow();
        long largestItem = items.stream().mapToLong(WorkItem::size).max().orElseThrow() + SlicePlanner.PER_ITEM_WEIGHT;
        for (Slice slice : plan.slices()) {
            assertThat(Math.abs(weight(slice) - mean)).isLessThanOrEqualTo(2.0 * largestItem);
        }
    }

    @Test
    void fewerItemsThanPartitionsGivesOneSlicePerItem() throws IOException {
        List<WorkItem> items = randomItems(3, 1);
        SlicePlan plan = SlicePlanner.plan(new ByteArrayInputStream(manifest(items)), 3, totalBytes(items), 16);
        assertThat(plan.slices()).extracting(Slice::items).containsExactly(1L, 1L, 1L);
    }

    @Test
    void oneHugeItemFirstStillLeavesNoSliceEmpty() throws IOException {
        List<WorkItem> items = new ArrayList<>();
        items.add(item(0, 10_000_000_000L));
        for (int i = 1; i < 10; i++) {
            items.add(item(i, 10));
        }
        SlicePlan plan =
                SlicePlanner.plan(new ByteArrayInputStream(manifest(items)), items.size(), totalBytes(items), 4);
        assertThat(plan.slices()).hasSize(4).allSatisfy(slice -> assertThat(slice.items())
                .isPositive());
        assertThat(plan.slices().get(0).items()).isEqualTo(1);
    }

    @Test
    void emptyManifestGivesOneEmptySlice() throws IOException {
        SlicePlan plan = SlicePlanner.plan(new ByteArrayInputStream(new byte[0]), 0, 0, 4);
        assertThat(plan.slices()).singleElement().extracting(Slice::items).isEqualTo(0L);
    }

    @Test
    void aManifestShorterThanAnnouncedIsAnError() {
        List<WorkItem> items = randomItems(5, 3);
        assertThatThrownBy(() -> SlicePlanner.plan(new ByteArrayInputStream(manifest(items)), 6, totalBytes(items), 2))
                .hasMessageContaining("holds 5 items but planning expected 6");
    }

    @Test
    void rejectsZeroPartitions() {
        assertThatThrownBy(() -> SlicePlanner.plan(new ByteArrayInputStream(new byte[0]), 0, 0, 0))
                .hasMessageContaining("at least 1");
    }

    private static double weight(Slice slice) {
        return slice.bytes() + (double) slice.items() * SlicePlanner.PER_ITEM_WEIGHT;
    }

    @Test
    void weighsEachItemByItsSizeWhateverItsNamesHold() throws IOException {
        List<WorkItem> items = List.of(
                WorkItem.of("/data/{\"size\":999999}.pdf", "\"size\":999999", 10, Instant.EPOCH, "\"size\""),
                WorkItem.of("/data/b.pdf", "b.pdf", 30, null, null),
                WorkItem.of("/data/c.pdf", "size", 0, Instant.EPOCH, null));

        SlicePlan plan = SlicePlanner.plan(new ByteArrayInputStream(manifest(items)), 3, 40, 3);

        assertThat(plan.slices()).extracting(Slice::bytes).containsExactly(10L, 30L, 0L);
    }

    @Test
    void aManifestLineThatIsNoItemIsRefusedWithWhereItIs() {
        byte[] manifest = "{\"id\":\"a\",\"size\":1}\n[1,2]\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SlicePlanner.plan(new ByteArrayInputStream(manifest), 2, 1, 2))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("manifest line ending at byte 26 is not a valid item: [1,2]");
    }

    static List<WorkItem> randomItems(int count, long seed) {
        Random random = new Random(seed);
        List<WorkItem> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(item(i, (long) Math.exp(8 + random.nextGaussian() * 2)));
        }
        return items;
    }

    static WorkItem item(int i, long size) {
        return WorkItem.of(
                "/data/doc-" + i + ".pdf", "doc-" + i + ".pdf", size, Instant.ofEpochSecond(1_700_000_000L + i), null);
    }

    static byte[] manifest(List<WorkItem> items) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ManifestWriter writer = new ManifestWriter(out)) {
            items.forEach(writer::append);
        }
        return out.toByteArray();
    }

    static long totalBytes(List<WorkItem> items) {
        return items.stream().mapToLong(WorkItem::size).sum();
    }
}
